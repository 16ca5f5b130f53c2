/**
 * Demo data for {@code ./dpp up --demo}: a GS1-ready and a non-GS1 brand with products
 * that are ready to mint, products that are not (one per eligibility rule) and production
 * runs, loaded only when {@code dpp.demo=true}.
 */
package io.dppmint.core.demo;
