/**
 * Registration of minted batches in the EU DPP registry (ESPR Art. 13): the provisional
 * registry file of a batch ({@code dppmint.registry-submission/0.1}: the batch's unique
 * product identifiers with the operator, facility and commodity identifiers), and the
 * registration state the operator records (submitted, registered with the registry's
 * registration identifier, or rejected). docs/registry.md describes both.
 */
package io.dppmint.core.registry;
