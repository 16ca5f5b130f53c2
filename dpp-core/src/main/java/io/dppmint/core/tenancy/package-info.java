/**
 * Tenancy: the {@link io.dppmint.core.tenancy.BrandScope} every brand-scoped query takes.
 */
package io.dppmint.core.tenancy;
