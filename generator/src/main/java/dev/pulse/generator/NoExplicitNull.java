package dev.pulse.generator;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;

/**
 * For a record component that may be left out but not set to null. Jackson hands a record an absent field as null
 * too, so {@code @JsonSetter(nulls = Nulls.FAIL)} would refuse both: this reads the value with its type's own
 * deserializer, keeps an absent field null and answers an explicit JSON null with an {@link InvalidNullException}.
 */
public class NoExplicitNull extends JsonDeserializer<Object> implements ContextualDeserializer {

    private final BeanProperty property;
    private final JsonDeserializer<?> values;

    /** For Jackson, which then asks for the deserializer of each annotated property. */
    public NoExplicitNull() {
        this(null, null);
    }

    private NoExplicitNull(BeanProperty property, JsonDeserializer<?> values) {
        this.property = property;
        this.values = values;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) throws JsonMappingException {
        return new NoExplicitNull(property, context.findContextualValueDeserializer(property.getType(), property));
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return values.deserialize(parser, context);
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
        throw InvalidNullException.from(context, PropertyName.construct(property.getName()), property.getType());
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
