package io.dppmint.console.security;

import java.io.Serializable;
import java.util.Objects;

import io.dppmint.core.tenancy.BrandScope;

/**
 * Who is calling and what they may reach: the tenant every endpoint works for. Resolved
 * from the authenticated principal (a console user or an API key), never from the
 * request, so a caller cannot widen their own scope.
 *
 * @param name the user name or {@code api-key:<prefix>}, as recorded in the audit log
 * @param role the role
 * @param brandId the caller's brand, or {@code null} for every brand
 */
public record Caller(String name, Role role, Long brandId) implements Serializable {

	public Caller {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(role, "role");
		if (brandId == null && role != Role.OPERATOR && role != Role.VIEWER) {
			throw new IllegalArgumentException(role + " " + name + " must belong to a brand");
		}
		if (brandId != null && role == Role.OPERATOR) {
			throw new IllegalArgumentException("Operator " + name + " works for every brand");
		}
	}

	/** The brands this caller may see. */
	public BrandScope scope() {
		return (this.brandId != null) ? BrandScope.of(this.brandId) : BrandScope.everyBrand();
	}

	/** The actor recorded in audit events. */
	public String actor() {
		return this.name;
	}

	public boolean canWrite() {
		return this.role.canWrite();
	}

	public boolean isOperator() {
		return this.role == Role.OPERATOR;
	}

}
