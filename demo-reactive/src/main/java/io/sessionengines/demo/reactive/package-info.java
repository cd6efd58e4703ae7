/**
 * The demo application on Spring WebFlux: the demo API and web page over whichever
 * session engine is configured, its blocking session calls kept off the event loop.
 */
@NullMarked
package io.sessionengines.demo.reactive;

import org.jspecify.annotations.NullMarked;
