/**
 * The DPP Mint core: schema migrations, domain types, repositories, GS1 codec, identifier
 * scheme, intake and audit log, shared by every app. Each direct sub-package is one
 * feature.
 */
package io.dppmint.core;
