package io.dppmint.resolver.bots;

import java.util.Locale;

/**
 * Who sent a request, as far as its user agent tells: a person's browser or camera app,
 * or one of the kinds of robot. Only {@link #PERSON} scans activate tokens and count in
 * telemetry; every robot gets the standard resolver answer without either, and a
 * {@link #PREVIEW link-preview fetcher} asking for a page gets a static preview of it.
 */
public enum Visitor {

	/** A person's browser, camera app or in-app browser. */
	PERSON,

	/**
	 * A link-preview fetcher of a messaging or social app (WhatsApp, Slack, Facebook,
	 * Twitter/X, LinkedIn, Telegram, Discord, ...).
	 */
	PREVIEW,

	/**
	 * A crawler that says who it is (a search engine, an SEO tool: a robot with an
	 * information URL).
	 */
	CRAWLER,

	/**
	 * A script or machine client: command-line tools, HTTP libraries, supply-chain
	 * systems, GS1 tools, and requests without a user agent.
	 */
	SCRIPT,

	/**
	 * Not classified in the time a request may spend on it (every analyzer was busy):
	 * treated as a robot, and asked about again next time.
	 */
	UNCLASSIFIED;

	/** Whether this is a robot of any kind. */
	public boolean robot() {
		return this != PERSON;
	}

	/** The metric tag of this class. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
