package dev.pulse.generator;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A rate of events per second, by the rule the configured rate follows ({@link GeneratorConfigCheck#rateProblem}). */
@Documented
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = Rate.Validator.class)
public @interface Rate {

    /** Replaced by the rule's own account of what is wrong. */
    String message() default "is not a valid rate";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Rate, Double> {

        @Override
        public boolean isValid(Double rate, ConstraintValidatorContext context) {
            Optional<String> problem = rate == null ? Optional.empty() : GeneratorConfigCheck.rateProblem(rate);
            problem.ifPresent(reason -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
            });
            return problem.isEmpty();
        }
    }
}
