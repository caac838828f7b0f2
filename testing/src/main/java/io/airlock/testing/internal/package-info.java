/** Implementation details of airlock's test support; not an API, may change without notice. */
package io.airlock.testing.internal;
