package dev.comms.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an OpenAPI 3.1 document as 3.0 in memory, for request validators that read 3.1 wrongly
 * (swagger-request-validator 2.x, the last Java 17 line): {@code type: [X, "null"]} becomes
 * {@code type: X, nullable: true}; {@code {type: "null"}} alternatives are dropped; {@code const}
 * becomes a one-value {@code enum}; numeric {@code exclusiveMinimum}/{@code exclusiveMaximum} become
 * the 3.0 boolean form; schema {@code examples} arrays become one {@code example}; the root
 * {@code webhooks}, {@code info.summary} and {@code info.license.identifier} are dropped. See ../shared/provider-specs/README.md.
 */
public final class OpenApi31 {
    private OpenApi31() {
    }

    /**
     * @param document a parsed 3.1 document (JSON or YAML read with Jackson)
     * @return the same document, rewritten in place as 3.0.3
     */
    public static JsonNode downgrade(JsonNode document) {
        if (document instanceof ObjectNode root) {
            root.put("openapi", "3.0.3");
            root.remove("webhooks");
            root.remove("jsonSchemaDialect");
            if (root.get("info") instanceof ObjectNode info) {
                info.remove("summary");
                if (info.get("license") instanceof ObjectNode license) {
                    license.remove("identifier");
                }
            }
            if (root.get("components") instanceof ObjectNode components) {
                components.remove("pathItems");
            }
            walk(root);
        }
        return document;
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode o) {
            fix(o);
            List<JsonNode> children = new ArrayList<>();
            o.elements().forEachRemaining(children::add);
            children.forEach(OpenApi31::walk);
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(OpenApi31::walk);
        }
    }

    private static void fix(ObjectNode o) {
        JsonNode type = o.get("type");
        if (type instanceof ArrayNode types) {
            List<String> kinds = new ArrayList<>();
            types.forEach(t -> kinds.add(t.asText()));
            boolean nullable = kinds.remove("null");
            if (kinds.size() == 1) {
                o.put("type", kinds.get(0));
            } else {
                o.remove("type");
            }
            if (nullable) {
                o.put("nullable", true);
            }
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (o.get(combinator) instanceof ArrayNode alts) {
                boolean hadNull = false;
                for (Iterator<JsonNode> it = alts.elements(); it.hasNext(); ) {
                    JsonNode alt = it.next();
                    if (alt.size() == 1 && "null".equals(alt.path("type").asText(null))) {
                        it.remove();
                        hadNull = true;
                    }
                }
                if (hadNull) {
                    o.put("nullable", true);
                }
                if (alts.size() == 1 && alts.get(0) instanceof ObjectNode only && !only.has("$ref")) {
                    o.remove(combinator);
                    for (Map.Entry<String, JsonNode> e : only.properties()) {
                        if (!o.has(e.getKey())) {
                            o.set(e.getKey(), e.getValue());
                        }
                    }
                }
            }
        }
        if (o.has("const")) {
            ArrayNode values = JsonNodeFactory.instance.arrayNode();
            values.add(o.remove("const"));
            o.set("enum", values);
        }
        for (String bound : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            JsonNode v = o.get(bound);
            if (v != null && v.isNumber()) {
                o.set(bound.equals("exclusiveMinimum") ? "minimum" : "maximum", v);
                o.put(bound, true);
            }
        }
        if (o.get("examples") instanceof ArrayNode ex && o.has("type")) {
            o.remove("examples");
            if (!ex.isEmpty() && !o.has("example")) {
                o.set("example", ex.get(0));
            }
        }
    }
}
