package io.dppmint.resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcAccessGrants;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.token.TokenRevocation;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.TestSecrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What resolver tests scan: products and minted tokens from the shared {@link Fixtures},
 * the user agents of a person and a robot, identifiers and paths of tokens, and what a
 * scan leaves behind (status, counters, audit events).
 */
public final class ResolverFixtures {

	/** A phone browser: a person scanning. */
	public static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	public static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	/** The company prefix of the fixtures' GS1-ready brands. */
	static final String COMPANY_PREFIX = Fixtures.COMPANY_PREFIX;

	private final Fixtures fixtures;

	private final IdentifierScheme identifiers;

	private final TokenRevocation revocation;

	private final JdbcClient jdbc;

	private final BrandKeys brandKeys;

	public ResolverFixtures(DataSource dataSource, IdentifierScheme identifiers, TokenRevocation revocation) {
		this.fixtures = Fixtures.on(dataSource);
		this.brandKeys = this.fixtures.brandKeys();
		this.identifiers = identifiers;
		this.revocation = revocation;
		this.jdbc = this.fixtures.jdbc();
	}

	/**
	 * A product of a fresh GS1-ready brand, ready to mint (its name needs escaping in
	 * HTML).
	 */
	public Product aGs1Product() {
		return this.fixtures.aProductOf(aGs1Brand())
			.name("Merino <Jumper>")
			.passport(Map.of("material", "Merino wool", "country_of_origin", "PT"))
			.create();
	}

	/**
	 * A product of a fresh GS1-ready brand whose GTIN is not under the brand's company
	 * prefix (another company's GTIN), ready to mint.
	 */
	public Product aGs1ProductOutsideItsCompanyPrefix() {
		return this.fixtures.aProductOf(aGs1Brand())
			.name("Borrowed GTIN")
			.gtin(uniqueGtin(Fixtures.FOREIGN_COMPANY_PREFIX))
			.create();
	}

	/**
	 * A product of a fresh GS1-ready brand with the demo battery passport schema
	 * (Regulation (EU) 2023/1542 Annex XIII), its operator GLN and commodity code, and
	 * the demo battery data as passport version 2, with {@code restricted} written into
	 * every field above the public level.
	 */
	public Product aBatteryProduct(String restricted) {
		return aBatteryProduct(restricted, restricted);
	}

	/**
	 * Like {@link #aBatteryProduct(String)}, with one sentinel in the fields for persons
	 * with a legitimate interest and another in those for authorities.
	 */
	public Product aBatteryProduct(String legitimateInterest, String authority) {
		Brand brand = this.fixtures.aGs1Brand().name("Resolver Battery Brand").requiredFields(List.of()).create();
		JdbcPassports passports = this.fixtures.passports();
		passports.publishSchema(brand.id(), demo("battery-passport-schema.json"), "tests");
		this.fixtures.brands().updateOperatorGln(brand.id(), "9506001000120");
		Product product = this.fixtures.aProductOf(brand).name("E-bike pack 48 V").passport(Map.of()).create();
		this.fixtures.products().updateCommodityCode(product.id(), "8507 60 00");
		ObjectNode data = (ObjectNode) demo("battery-passport-data.json");
		data.put("safety_measures", legitimateInterest);
		((ObjectNode) data.get("detailed_composition").get(0)).put("material", legitimateInterest);
		((ObjectNode) data.get("conformity_test_reports").get(0)).put("title", authority);
		passports.submit(product.id(), JdbcPassports.Change.replace(PassportValues.of(data)), null, "tests");
		return this.fixtures.products().findById(product.id()).orElseThrow();
	}

	/** The brand of a product, as stored. */
	public Brand brandOf(Product product) {
		return this.fixtures.brands().findById(product.brandId()).orElseThrow();
	}

	/** Another battery product of the same brand, with the same (public) data. */
	public Product aSecondBatteryProduct(Product first) {
		Product product = this.fixtures.aProductOf(brandOf(first)).name("E-bike pack 36 V").passport(Map.of()).create();
		this.fixtures.passports()
			.submit(product.id(), JdbcPassports.Change.replace(PassportValues.of(demo("battery-passport-data.json"))),
					null, "tests");
		return this.fixtures.products().findById(product.id()).orElseThrow();
	}

	/** Issue an access link to the product's passport; returns its token. */
	public String link(Product product, AccessLevel level) {
		return new JdbcAccessGrants(this.jdbc, this.fixtures.transactions(), this.fixtures.auditLog())
			.issueLink(product.brandId(), product.id(), level, "Recycler on site", Duration.ofHours(24), "tests")
			.token();
	}

	/** Passport writes, as the brand's console makes them. */
	public JdbcPassports passports() {
		return this.fixtures.passports();
	}

	/** Issue an access grant of the product's brand; returns its bearer token. */
	public String grant(Product product, AccessLevel level) {
		return new JdbcAccessGrants(this.jdbc, this.fixtures.transactions(), this.fixtures.auditLog())
			.issue(product.brandId(), level, "Repair Café " + level.code(), "repairer", "tests", Duration.ofDays(1),
					"tests")
			.token();
	}

	private static JsonNode demo(String name) {
		try (InputStream in = ResolverFixtures.class.getResourceAsStream("/io/dppmint/core/demo/" + name)) {
			return PassportValues.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).toNode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A product of a fresh non-GS1 brand, ready to mint. */
	public Product aNonGs1Product() {
		Brand brand = this.fixtures.aBrand().name("Resolver Brand").resolverBaseUrl("https://dpp.example.org").create();
		return this.fixtures.aProductOf(brand)
			.name("Canvas Tote")
			.passport(Map.of("material", "Cotton canvas", "country_of_origin", "PT"))
			.create();
	}

	/** Mint {@code quantity} serial-mode tokens. */
	public Minted mintSerial(Product product, int quantity, ActivationMode activation) {
		return minted(this.fixtures.aMintedBatch(product).quantity(quantity).activationMode(activation).create());
	}

	/**
	 * Mint {@code quantity} serial-mode tokens signed as the mint job signs them (GS1 AI
	 * 8030): the brand's key (created on first use), the batch's {@code signing_key_id}
	 * and one {@code token_signatures} row per token.
	 */
	public Minted mintSigned(Product product, int quantity) {
		return minted(
				this.fixtures.sign(mintSerial(product, quantity, ActivationMode.ACTIVE).batch(), this.identifiers));
	}

	/** The brands' signing keys, as the apps that sign hold them. */
	public BrandKeys brandKeys() {
		return this.brandKeys;
	}

	/** The AI 8030 value the platform signed for a token. */
	public String signature(long tokenNumber) {
		byte[] signature = this.jdbc.sql("select signature from token_signatures where token_id = ?")
			.param(tokenNumber)
			.query((rs, row) -> rs.getBytes(1))
			.single();
		int keyNumber = this.jdbc.sql("""
				select k.key_number from brand_keys k join mint_batches b on b.signing_key_id = k.id
				join tokens t on t.batch_id = b.id where t.id = ?""").param(tokenNumber).query(Integer.class).single();
		return DigitalSignature8030.encode(keyNumber, signature, 0);
	}

	/** Mint {@code quantity} serial-mode tokens carried on NFC tags. */
	public Minted mintNfc(Product product, int quantity, ActivationMode activation) {
		return minted(this.fixtures.aMintedBatch(product)
			.quantity(quantity)
			.activationMode(activation)
			.carrier(Carrier.NFC)
			.create());
	}

	/**
	 * The brand's NFC master key, created (as export-jobs does) if it has none, with the
	 * tests' NFC KEK.
	 */
	public BrandNfcKey nfcMasterKey(long brandId) {
		return new JdbcBrandNfcKeys(this.jdbc,
				KeyWrapping.underNfcKek(() -> Base64.getDecoder().decode(TestSecrets.NFC_KEK)))
			.currentOrCreate(brandId);
	}

	/** The stored counter row of a tag: last counter, genuine and rejected taps. */
	public Map<String, Object> tagCounters(long tokenNumber) {
		return this.jdbc
			.sql("select last_counter, genuine_taps, rejected_taps, uid from nfc_tag_counters where token_id = ?")
			.param(tokenNumber)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElse(Map.of());
	}

	/** Mint lot-mode tokens. */
	public Minted mintLots(Product product, ActivationMode activation, LotRequest... lots) {
		return minted(this.fixtures.aMintedBatch(product).lots(lots).activationMode(activation).create());
	}

	private Brand aGs1Brand() {
		return this.fixtures.aGs1Brand().name("Resolver GS1 Brand").create();
	}

	private Minted minted(MintBatch batch) {
		return new Minted(batch, this.fixtures.batches().lots(batch.id()));
	}

	/** Revoke a token as the console does. */
	public void revoke(long tokenNumber, String reason) {
		this.revocation.revoke(BrandScope.everyBrand(), tokenNumber, reason, "tests");
	}

	public String identifier(long tokenNumber) {
		return this.identifiers.encode(tokenNumber);
	}

	/** The Digital Link path of a GS1 token, e.g. {@code /01/{gtin}/21/{serial}}. */
	public String gs1Path(Product product, long tokenNumber) {
		return "/01/" + product.gtin().value() + "/21/" + identifier(tokenNumber);
	}

	public TokenStatus status(long tokenNumber) {
		return TokenStatus.ofCode(this.jdbc.sql("select status from tokens where id = ?")
			.param(tokenNumber)
			.query(Integer.class)
			.single());
	}

	public long activeTokens(long brandId) {
		return this.jdbc.sql("select active_tokens from brand_counters where brand_id = ?")
			.param(brandId)
			.query(Long.class)
			.single();
	}

	public long activationEvents(long tokenNumber) {
		return this.jdbc.sql(
				"select count(*) from audit_events where entity_type = 'token' and entity_id = ? and action = 'activated'")
			.param(Long.toString(tokenNumber))
			.query(Long.class)
			.single();
	}

	/** A GTIN-14 under {@code companyPrefix}, never handed out twice. */
	static String uniqueGtin(String companyPrefix) {
		return Fixtures.uniqueGtin(companyPrefix);
	}

	/**
	 * A minted batch.
	 *
	 * @param batch the batch, {@code minted}
	 * @param lots its lots (empty in serial mode)
	 */
	public record Minted(MintBatch batch, List<Lot> lots) {

		/** The token number of unit {@code index} of the batch. */
		public long token(int index) {
			return this.batch.firstTokenId() + index;
		}

	}

}
