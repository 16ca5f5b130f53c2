/**
 * The GS1 codec: the rules of the Application Identifiers this platform uses
 * ({@link io.dppmint.core.gs1.ApplicationIdentifier}), GTINs and GS1 Digital Link URIs.
 * Pure Java, without Spring, so that every module and tool can use it.
 */
package io.dppmint.core.gs1;
