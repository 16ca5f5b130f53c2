package io.dppmint.resolver.telemetry;

import java.time.Instant;

/**
 * A robot's scan, as telemetry counts it: robots leave no scan event (nothing about them
 * is kept), but their number per day, brand, product and country is what the robot share
 * of the scan statistics needs. The writer adds the robot scans of each batch up into one
 * row per group.
 *
 * @param scannedAt when the scan arrived
 * @param brandId the brand, or {@code null}
 * @param productId the product, or {@code null}
 * @param country coarse location from the trusted edge header, or {@code null}
 */
public record RobotScan(Instant scannedAt, Long brandId, Long productId, String country) implements Scan {

}
