/**
 * What a deployment must get right before an app serves: the public URLs it hands out
 * ({@link io.dppmint.core.deployment.PublicUrls}).
 */
package io.dppmint.core.deployment;
