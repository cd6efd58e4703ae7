package io.sessionengines.benchmark.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.SignedPayload;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Django's signing as the engines use it: signing and verifying a token, and the whole
 * codec (JSON, compression, signature) of a typical session both ways; and the codec with
 * encryption at rest (JSON, AES-256-GCM) both ways.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmarks {

	private static final int MAX_DATA_SIZE = 1 << 20;

	private TimestampSigner signer;

	private SessionCodec codec;

	private byte[] serialized;

	private String token;

	private Map<String, @Nullable Object> data;

	private String encoded;

	private SessionCodec encryptingCodec;

	private String encrypted;

	@Setup
	public void sign() {
		Clock clock = Clock.systemUTC();
		this.signer = new TimestampSigner(Engines.SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock);
		this.codec = Engines.codec(new JsonSessionSerializer(), SessionCodec.STORED_DATA_SALT, clock);
		this.data = new LinkedHashMap<>();
		this.data.put("visits", 12);
		this.data.put("user", "alice");
		this.data.put("cart", List.of(Map.of("sku", "A-1001", "quantity", 2), Map.of("sku", "B-2002", "quantity", 1)));
		this.serialized = "{\"visits\":12,\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
		this.token = this.signer.sign(this.serialized);
		this.encoded = this.codec.encode(this.data);
		SigningKeyRing ring = SigningKeyRing.of(Engines.SECRET_KEY, List.of());
		this.encryptingCodec = new SessionCodec(new JsonSessionSerializer(),
				new TimestampSigner(ring, SessionCodec.STORED_DATA_SALT, clock),
				new TokenCipher(ring, SessionCodec.STORED_DATA_SALT, clock), true, SessionCodec.DEFAULT_MAX_DATA_SIZE);
		this.encrypted = this.encryptingCodec.encode(this.data);
	}

	@Benchmark
	public String signToken() {
		return this.signer.sign(this.serialized);
	}

	@Benchmark
	public SignedPayload verifyToken() throws BadSignatureException {
		return this.signer.unsign(this.token, MAX_DATA_SIZE);
	}

	@Benchmark
	public String encodeSession() {
		return this.codec.encode(this.data);
	}

	@Benchmark
	public SessionCodec.Decoded decodeSession() throws BadSignatureException {
		return this.codec.decode(this.encoded);
	}

	@Benchmark
	public String encryptSession() {
		return this.encryptingCodec.encode(this.data);
	}

	@Benchmark
	public SessionCodec.Decoded decryptSession() throws BadSignatureException {
		return this.encryptingCodec.decode(this.encrypted);
	}

}
