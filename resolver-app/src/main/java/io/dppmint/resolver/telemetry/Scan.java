package io.dppmint.resolver.telemetry;

/**
 * What the telemetry queue holds: a person's scan ({@link ScanEvent}, one row each) or a
 * robot's ({@link RobotScan}, counted only).
 */
sealed interface Scan permits ScanEvent, RobotScan {

}
