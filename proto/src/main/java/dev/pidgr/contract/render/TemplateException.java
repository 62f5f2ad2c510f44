package dev.pidgr.contract.render;

/** A template cannot be compiled or rendered: an unrecoverable error for the campaign using it. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }

    public TemplateException(String message) {
        super(message);
    }
}
