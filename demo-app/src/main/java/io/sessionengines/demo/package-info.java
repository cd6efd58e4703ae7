/**
 * The demo application: a JSON and text API, and a web page, over whichever session
 * engine is configured.
 */
@NullMarked
package io.sessionengines.demo;

import org.jspecify.annotations.NullMarked;
