// Just enough protobuf decoding for the error details the console shows: google.rpc.BadRequest
// { repeated FieldViolation field_violations = 1 }, FieldViolation { string field = 1; string description = 2 }.

/** The field violations of a base64 (standard or URL alphabet, padded or not) BadRequest. */
export function decodeBadRequest(base64) {
  const violations = [];
  for (const [number, value] of fields(bytes(base64))) {
    if (number === 1 && value instanceof Uint8Array) {
      const violation = { field: "", description: "" };
      for (const [n, v] of fields(value)) {
        if (n === 1) violation.field = text(v);
        if (n === 2) violation.description = text(v);
      }
      violations.push(violation);
    }
  }
  return violations;
}

function bytes(base64) {
  const standard = base64.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(standard + "===".slice((standard.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function text(value) {
  return new TextDecoder().decode(value);
}

/** [field number, value] of each field: a number for varints, bytes for length-delimited ones. */
function* fields(buffer) {
  let at = 0;
  const varint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buffer[at++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  while (at < buffer.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    switch (key & 7) {
      case 0: yield [number, varint()]; break;
      case 1: at += 8; break;
      case 2: { const length = varint(); yield [number, buffer.subarray(at, at + length)]; at += length; break; }
      case 5: at += 4; break;
      default: return;
    }
  }
}
