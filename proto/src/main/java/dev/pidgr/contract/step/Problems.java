package dev.pidgr.contract.step;

/** Where a rule reports what is wrong: the field's path in the request and a sentence for people. */
@FunctionalInterface
public interface Problems {

    void add(String field, String description);
}
