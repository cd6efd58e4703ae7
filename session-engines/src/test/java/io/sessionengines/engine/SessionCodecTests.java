package io.sessionengines.engine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializationException;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionCodec}.
 *
 * @author Session Engines contributors
 */
class SessionCodecTests {

	private static final Instant VECTOR_TIME = Instant.ofEpochSecond(1_700_000_000L);

	private final TimestampSigner signer = new TimestampSigner("django-insecure-test-vector-secret", List.of(),
			SessionCodec.STORED_DATA_SALT, Clock.fixed(VECTOR_TIME, ZoneOffset.UTC));

	private final SessionCodec codec = new SessionCodec(new JsonSessionSerializer(), this.signer);

	@Test
	void storedDataSaltIsDjangos() {
		assertThat(SessionCodec.STORED_DATA_SALT).isEqualTo("django.contrib.sessions.SessionStore");
	}

	@Test
	void encodesAsDjangosSessionBaseEncode() {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("k", "x");
		assertThat(this.codec.encode(data))
			.isEqualTo("eyJrIjoieCJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA");
		Map<String, @Nullable Object> big = new LinkedHashMap<>();
		big.put("big", "a".repeat(500));
		assertThat(this.codec.encode(big))
			.isEqualTo(".eJyrVkrKTFeyUkocBSMOKNUCAHmPwGE:1r31eq:dB4eZFStY8v6JEiXiNJ22R_hLVzy-Gayy5qTFFEqtYQ");
	}

	@Test
	void decodesDjangosSessionData() throws BadSignatureException {
		SessionCodec.Decoded decoded = this.codec
			.decode(".eJyrVkrKTFeyUkocBSMOKNUCAHmPwGE:1r31eq:dB4eZFStY8v6JEiXiNJ22R_hLVzy-Gayy5qTFFEqtYQ");
		assertThat(decoded.data()).containsExactly(Map.entry("big", "a".repeat(500)));
		assertThat(decoded.signedAt()).isEqualTo(VECTOR_TIME);
	}

	@Test
	void reencodesSessionDataDjangoStoredWithFloatsByteForByte() {
		// SessionStore().encode(...) in python/django_float_session.py (floats, NaN and
		// the infinities; compressed)
		String django = ".eJxdj9tuwjAMht_Ft6RR0tJD8gbc8AITikLnlUzBmdoU2BDvPpehoc1XPnz2__sKH2PoEayRxggYfQ4JrJK"
				+ "V-htrAedDigxqpaQSQDgwe0L3hSNvFPfmPgwM4Eo3nGNMZ_fT-XdsQQ_zgHeWlQTkQJ9cyRoL1QqYjj7GxQbD-lHiuOCFqrme"
				+ "95RGboLlhapkc-_-5HXrckouJmLNUnZl15qqW3eq0bVhU-0vRim7PqYJpwy2kgy0la5r03SN0qbBVckq5Ans1m8FBHoLFDI73"
				+ "DwyAcdA8-Sek-I5Ij6Lr2BfND96hQsPy-UzrW6C7-0E9GmmRfn2DZOzbg8:1r31eq:i33i39y1hEx1Z59e6NbN-psKeanxg7Vua"
				+ "sYCBn03oBA";
		Map<String, @Nullable Object> data = this.codec.decodeData("somekey", django);
		assertThat(data).containsEntry("nan", Double.NaN)
			.containsEntry("minus_infinity", Double.NEGATIVE_INFINITY)
			.containsEntry("huge", 1e300);
		assertThat(this.codec.encode(data)).isEqualTo(django);
	}

	@Test
	void decodeOfATamperedTokenFailsWithBadSignature() {
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> this.codec.decode("eyJrIjoieSJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA"));
	}

	@Test
	void decodeOfValidlySignedDataThatIsNotASessionFailsWithSerializationError() {
		String token = this.signer.sign("[1,2]".getBytes(StandardCharsets.US_ASCII));
		assertThatExceptionOfType(SessionSerializationException.class).isThrownBy(() -> this.codec.decode(token));
	}

	@Test
	void dataOverTheBoundIsRefusedWhenEncoded() {
		SessionCodec bounded = new SessionCodec(new JsonSessionSerializer(), this.signer, 16);
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("k", "x".repeat(20));
		assertThatExceptionOfType(SessionDataTooLargeException.class).isThrownBy(() -> bounded.encode(data))
			.satisfies((ex) -> assertThat(ex.getSize()).isEqualTo(28))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(16));
	}

	@Test
	void storedDataOverTheBoundIsNoData() {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("big", "a".repeat(2000));
		String token = this.codec.encode(data);
		assertThat(token).as("precondition: compressed").startsWith(".");
		SessionCodec bounded = new SessionCodec(new JsonSessionSerializer(), this.signer, 1000);
		assertThat(bounded.decodeData("somekey", token)).isNull();
		assertThat(this.codec.decodeData("somekey", token)).isEqualTo(data);
	}

}
