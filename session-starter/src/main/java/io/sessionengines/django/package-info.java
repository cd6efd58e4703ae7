/**
 * Logging in on the Spring side with the accounts of a Django application: Django's
 * password hashes, its {@code auth_user} table as a {@code UserDetailsService}, and the
 * session auth hash that ties a Django session to the password it was logged in with.
 */
@NullMarked
package io.sessionengines.django;

import org.jspecify.annotations.NullMarked;
