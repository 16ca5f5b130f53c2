/**
 * Files only the platform's own user may read.
 */
package io.dppmint.core.files;
