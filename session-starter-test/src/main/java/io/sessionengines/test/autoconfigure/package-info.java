/**
 * Auto-configuration of the session engines in Spring Boot's MockMvc tests and
 * {@code @WebMvcTest} slices.
 */
@NullMarked
package io.sessionengines.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
