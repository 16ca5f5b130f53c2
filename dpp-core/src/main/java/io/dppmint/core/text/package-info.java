/**
 * Plain text: the characters free-text inputs may hold before they are stored or looked
 * up.
 */
package io.dppmint.core.text;
