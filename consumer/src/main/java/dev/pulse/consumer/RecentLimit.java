package dev.pulse.consumer;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * How many recent events a client may ask for: 1 to the number this instance keeps, which is configuration
 * ({@code pulse.consumer.recent-events}) and so cannot be a constant of {@code @Max}. Absent is valid.
 */
@Documented
@Target(PARAMETER)
@Retention(RUNTIME)
@Constraint(validatedBy = RecentLimit.Validator.class)
public @interface RecentLimit {

    String message() default "must be a whole number from 1 to {max}, got {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Singleton
    class Validator implements ConstraintValidator<RecentLimit, Integer> {

        // Hibernate Validator creates its validators while Quarkus starts, before configuration is at hand: the
        // capacity is read on use.
        private final ConsumptionTally tally;

        Validator(ConsumptionTally tally) {
            this.tally = tally;
        }

        @Override
        public boolean isValid(Integer limit, ConstraintValidatorContext context) {
            int max = tally.recentCapacity();
            if (limit == null || (limit >= 1 && limit <= max)) {
                return true;
            }
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("max", max)
                    .addMessageParameter("value", limit);
            return false;
        }
    }
}
