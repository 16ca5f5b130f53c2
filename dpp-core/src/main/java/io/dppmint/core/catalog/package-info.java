/**
 * Catalogue and eligibility: brands with their DPP schema configuration, their products
 * (SKUs) and ERP production runs, stored through hand-written JDBC, and the rules that
 * decide whether a product is ready to mint.
 */
package io.dppmint.core.catalog;
