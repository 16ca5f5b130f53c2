package io.dppmint.core.export;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of exports shared by the apps that run, request and serve them.
 *
 * @param leaseDuration the soft lock: how long a running export's lease lasts unless
 * renewed (the job renews it well before it ends); a lease left by a dead process can be
 * taken over once it has expired. Ten minutes in production.
 * @param storageRoot the folder of the local pack storage
 * ({@code DPP_EXPORT_STORAGE_ROOT}), by default {@code packs} under the platform's home
 * folder; never inside the source tree
 * @param downloadTtl how long a signed download URL stays valid: five minutes
 */
@ConfigurationProperties("dpp.export")
public record ExportProperties(@DefaultValue("10m") Duration leaseDuration, Path storageRoot,
		@DefaultValue("5m") Duration downloadTtl) {

	public ExportProperties {
		if (leaseDuration.isNegative() || leaseDuration.isZero()) {
			throw new IllegalArgumentException("dpp.export.lease-duration must be positive");
		}
		if (downloadTtl.isNegative() || downloadTtl.isZero()) {
			throw new IllegalArgumentException("dpp.export.download-ttl must be positive");
		}
	}

}
