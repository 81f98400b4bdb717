package dev.herald.platform.http;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Reads request bodies. Malformed JSON is a 400 naming the defect and its position; JSON that
 * parses but does not fit the record (unknown field, wrong type) is a 422 naming the field.
 */
public final class JsonBody {
    private static final java.util.regex.Pattern JAVA_NAME = java.util.regex.Pattern.compile(",? ?(from )?`[^`]*`");
    private final ObjectMapper mapper;

    public JsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses the body of {@code ctx} as {@code type}; requires a JSON content type. */
    public <T> T read(Context ctx, Class<T> type) {
        requireJson(ctx);
        return parse(ctx.bodyAsBytes(), type);
    }

    public static void requireJson(Context ctx) {
        String contentType = ctx.contentType();
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
            throw new Problems.UnsupportedMediaType("request body must be application/json, got "
                    + (contentType == null || contentType.isBlank() ? "no Content-Type" : "'" + media + "'"));
        }
    }

    public <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new Problems.BadRequest("request body is empty; expected a JSON object");
        }
        requireUtf8(body);
        UnknownMembers unknown = new UnknownMembers();
        return collected(unknown, () -> {
            InputText.checkJson(mapper, body);
            // A tree has no unknown members; a record's are collected rather than failing the read.
            return JsonNode.class.isAssignableFrom(type) ? mapper.readValue(body, type)
                    : mapper.readerFor(type).withHandler(unknown).readValue(body);
        });
    }

    /**
     * Maps a body already read as a tree (by {@link #read} or {@link #parse}) onto {@code type},
     * failing as reading the bytes would: for a route that keeps the tree as well, because hooks
     * read members of their own from it, without reading the body twice.
     */
    public <T> T map(JsonNode tree, Class<T> type) {
        UnknownMembers unknown = new UnknownMembers();
        return collected(unknown, () -> mapper.readerFor(type).withHandler(unknown).readValue(tree));
    }

    /** A reading step of Jackson's; may fail with any of its exceptions. */
    private interface Mapping<T> {
        T run() throws IOException;
    }

    private static <T> T collected(UnknownMembers unknown, Mapping<T> mapping) {
        T value;
        try {
            value = mapped(mapping);
        } catch (Invalid e) {
            throw unknown.with(e);
        }
        unknown.throwIfAny();
        return value;
    }

    private static <T> T mapped(Mapping<T> mapping) {
        try {
            T value = mapping.run();
            if (value == null) {
                throw new Problems.BadRequest("request body is JSON null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new Invalid(path(e), "unknown field");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Invalid invalid) {
                throw located(invalid, path(e));
            }
            if (cause instanceof dev.herald.platform.HeraldException h) {
                throw h;
            }
            // A record's own check explains itself; anything else would only name Java internals.
            String reason = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "is invalid";
            throw new Invalid(path(e).isEmpty() ? "body" : path(e), reason);
        } catch (MismatchedInputException e) {
            String field = path(e);
            String expected = e.getTargetType() == null ? "a different type" : describe(e.getTargetType());
            if (field.isEmpty()) {
                throw new Problems.BadRequest("request body must be " + expected + at(e.getLocation()));
            }
            throw new Invalid(field, "must be " + expected);
        } catch (JsonMappingException e) {
            if (unreadable(e.getCause()) instanceof JsonProcessingException p) {
                // Bytes that are not JSON inside a member: Jackson names the member, but it is a parse error.
                throw new Problems.BadRequest("malformed JSON: " + withoutJavaNames(p.getOriginalMessage())
                        + at(p.getLocation()));
            }
            // Jackson's own wording names Java types; say what the field needed instead.
            throw new Invalid(path(e).isEmpty() ? "body" : path(e), "has a value of the wrong type or form");
        } catch (JsonProcessingException e) {
            throw new Problems.BadRequest("malformed JSON: " + withoutJavaNames(e.getOriginalMessage()) + at(e.getLocation()));
        } catch (IOException e) {
            throw new Problems.BadRequest("unreadable request body: " + e.getMessage());
        }
    }

    /**
     * A record checks itself with field names relative to itself; nested in a body, its errors are
     * named from the body's root ({@code policy_json.max_input_tokens_per_turn}).
     */
    static Invalid located(Invalid invalid, String at) {
        if (at.isEmpty()) {
            return invalid;
        }
        return new Invalid(invalid.errors().stream()
                .map(f -> new FieldError(f.field().isEmpty() ? at : at + (f.field().startsWith("[") ? "" : ".")
                        + f.field(), f.reason()))
                .toList());
    }

    /**
     * The cause of a mapping failure when it is a reading failure (malformed JSON, a nesting or
     * length limit), which Jackson wraps with the path of the member it was reading; null for a
     * value that was read but does not fit (a number out of range is the member's fault).
     */
    private static Throwable unreadable(Throwable cause) {
        return cause instanceof JsonProcessingException && !(cause instanceof JsonMappingException)
                && !(cause instanceof InputCoercionException) ? cause : null;
    }

    /** Jackson's limit messages cite the Java setting that holds the limit; a client needs only the limit. */
    static String withoutJavaNames(String message) {
        return message == null ? "unreadable" : JAVA_NAME.matcher(message).replaceAll("");
    }

    /**
     * Refuses bytes that are not well-formed UTF-8 before Jackson reads them: its decoder turns a
     * four-byte sequence above U+10FFFF into two unpaired surrogates instead of failing, and such
     * a string has no canonical form (signing or hashing it later would fail).
     */
    private static void requireUtf8(byte[] body) {
        if (!InputText.isWellFormedUtf8(body)) {
            throw new Problems.BadRequest("request body is not well-formed UTF-8");
        }
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        return "an object";
    }

    /** JSON path like {@code items[2].name} from Jackson's reference chain (uses wire names). */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
