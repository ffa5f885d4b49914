package dev.comms.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON request body read field by field, so every malformed body or wrong type is a 400 that names
 * the field (never a stack trace, never a 500). Parsed with Jackson 3, Spring Boot 4's mapper.
 */
final class Body {
    private final JsonNode node;
    private final String where;

    private Body(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    static Body parse(JsonMapper json, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw ApiException.badRequest("INVALID_JSON", "the request body is empty: send a JSON object");
        }
        JsonNode n;
        try {
            n = json.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("INVALID_JSON", "the request body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw ApiException.badRequest("INVALID_JSON", "the request body must be a JSON object");
        }
        return new Body(n, "");
    }

    private String name(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String field) {
        return present(field) != null;
    }

    String string(String field) {
        String s = optionalString(field);
        if (s == null || s.isBlank()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' is required");
        }
        return s;
    }

    String optionalString(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must be a string");
        }
        return v.stringValue();
    }

    Integer optionalInt(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must be a whole number");
        }
        return v.intValue();
    }

    java.math.BigDecimal number(String field) {
        JsonNode v = present(field);
        if (v == null) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' is required");
        }
        if (!v.isNumber()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must be a number");
        }
        return v.decimalValue();
    }

    Body object(String field) {
        JsonNode v = present(field);
        if (v == null) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' is required");
        }
        if (!v.isObject()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must be an object");
        }
        return new Body(v, name(field));
    }

    Body optionalObject(String field) {
        return has(field) ? object(field) : null;
    }

    /** A string or an array of strings. */
    List<String> strings(String field, boolean required) {
        JsonNode v = present(field);
        List<String> out = new ArrayList<>();
        if (v == null) {
            if (required) {
                throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' is required");
            }
            return out;
        }
        if (v.isString()) {
            out.add(v.stringValue());
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isString()) {
                    throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must hold strings");
                }
                out.add(e.stringValue());
            }
        } else {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must be a string or an array of strings");
        }
        if (required && out.isEmpty()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must not be empty");
        }
        return out;
    }

    /** An object of string values, in order. */
    Map<String, String> stringMap(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        Body o = optionalObject(field);
        if (o != null) {
            for (String k : o.node.propertyNames()) {
                out.put(k, o.string(k));
            }
        }
        return out;
    }

    /** An array of objects. */
    List<Body> objects(String field) {
        JsonNode v = present(field);
        List<Body> out = new ArrayList<>();
        if (v == null) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' is required");
        }
        if (!v.isArray() || v.isEmpty()) {
            throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "' must be a non-empty array of objects");
        }
        int i = 0;
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw ApiException.badRequest("INVALID_REQUEST", "'" + name(field) + "[" + i + "]' must be an object");
            }
            out.add(new Body(e, name(field) + "[" + i + "]"));
            i++;
        }
        return out;
    }
}
