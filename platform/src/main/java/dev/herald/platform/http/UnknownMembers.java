package dev.herald.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.TokenBufferReadContext;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the members of one request body that its record does not know, so that a client is told
 * of all of them at once (Jackson alone stops at the first). Used for one read only; not
 * thread-safe.
 */
final class UnknownMembers extends DeserializationProblemHandler {
    private final List<FieldError> errors = new ArrayList<>();

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        // The parser is on the member's value; an object or array value has opened its own context.
        JsonStreamContext member = p.currentToken() != null && p.currentToken().isStructStart()
                ? p.getParsingContext().getParent() : p.getParsingContext();
        // A record's members met before its last creator member are buffered and replayed once it
        // is built: the replay's context is a copy that sits under the object's own live context.
        JsonStreamContext object = member instanceof TokenBufferReadContext ? member.getParent() : member;
        String at = location(object.getParent());
        errors.add(new FieldError(at.isEmpty() ? propertyName : at + "." + propertyName, "unknown field"));
        p.skipChildren();
        return true;
    }

    /** Where the value that {@code context} is at sits in the body: {@code items[2].total}, {@code ""} at the root. */
    private static String location(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = location(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        }
        String name = String.valueOf(context.getCurrentName());
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Throws the unknown members found, if any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }

    /** {@code failure} with the unknown members met before it, those first. */
    Invalid with(Invalid failure) {
        if (errors.isEmpty()) {
            return failure;
        }
        List<FieldError> all = new ArrayList<>(errors);
        all.addAll(failure.errors());
        return new Invalid(all);
    }
}
