package io.sessionengines.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link SessionRegistryStore} on Redis, through spring-data-redis: for applications
 * that run as several instances sharing one Redis, standalone, behind Sentinel, or a
 * Redis Cluster (Redis 7 or later).
 * <p>
 * Each user's data lives under a hash tag made of the first 128 bits of the SHA-256 of
 * the user's name, in hex, so that every step that must be atomic for a user is one Lua
 * script on one hash slot, and a name may hold any character, braces included:
 * <ul>
 * <li>{@code <prefix>{<tag>}:s:<id>}: a hash per session, with all its fields and the
 * full name;</li>
 * <li>{@code <prefix>{<tag>}:sessions}: the user's session ids, sorted newest first (by
 * the negated creation time, then by id), so that a listing reads only as many sessions
 * as it returns;</li>
 * <li>{@code <prefix>{<tag>}:expiry}: the same ids by expiry time, so that expired ones
 * can be dropped without reading the others;</li>
 * <li>{@code <prefix>{<tag>}:version}: the version of the user's sessions;</li>
 * <li>{@code <prefix>id:<id>}: the tag of the user a session id belongs to, since
 * {@link #findById}, {@link #remove} and {@link #update} get only the id;</li>
 * <li>{@code <prefix>{revocations}:at} and {@code <prefix>{revocations}:until}: the
 * revoked ids by time of revocation and by the time they may be forgotten.</li>
 * </ul>
 * <p>
 * An id's lookup key is read first and the script on the user's slot then checks the
 * session itself, so a lookup key that outlives its session is harmless: it is not
 * deleted when the session is removed, and expires with it. Removing is a check and a
 * delete in one script, so of several removers, on any number of instances, exactly one
 * gets the session. Registering an id that belongs to another user removes it from that
 * user, whose version changes too, in a step of its own after the registration: on
 * Cluster the two users are on different slots, so for a moment both list the session.
 * <p>
 * Versions never return to a value a login saw: each change sets the version to the
 * greater of the previous one plus one and Redis's time in microseconds ({@code TIME}).
 * The version key is kept {@link #EXPIRY_MARGIN} past its last change and past the expiry
 * of every session of the user, so when Redis forgets it and counting restarts from
 * Redis's time, that time is past every version given before (unless Redis's clock went
 * back by more than the margin meanwhile).
 * <p>
 * What has expired is decided by the store's {@link Clock}, which every read checks.
 * Redis forgets keys by itself: each key expires {@link #EXPIRY_MARGIN} after the last
 * expiry it serves, counted as a time to live from the store's clock (so that the clocks
 * of the application and Redis need not agree). Expired sessions are removed, and
 * reported, by {@link #removeExpired(int)} through an index of every session's expiry;
 * {@link #purgeExpired()} only drops lapsed revocations.
 * <p>
 * Every operation is a few commands, each of which waits at most the connection factory's
 * command timeout (for Lettuce, 60 seconds unless configured; Spring Boot's
 * {@code spring.data.redis.timeout} sets it), and opening a connection its connect
 * timeout: a Redis that cannot be reached, does not answer in time or fails a command is
 * reported as {@link SessionStoreUnavailableException}, never waited for without end. As
 * with any timeout, a command that reached Redis may still be carried out. The registry
 * is not on the hot path of a request (logins, logouts, listings and a refresh per
 * session a minute), so it uses plain blocking commands through a
 * {@link StringRedisTemplate}.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class RedisSessionRegistryStore implements SessionRegistryStore {

	/**
	 * The default start of every key.
	 */
	public static final String DEFAULT_KEY_PREFIX = "session:registry:";

	/**
	 * How long after the last expiry it serves a key is kept: longer than the clocks of
	 * the application servers and of Redis (or of a Redis master and the replica that
	 * takes over) may differ.
	 */
	public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(10);

	/**
	 * The fields of a session's hash, in the order scripts return them.
	 */
	private static final String FIELDS = "'id', 'p', 'k', 'c', 'a', 'l', 'e', 'u', 'i'";

	/**
	 * The same fields, for {@code HMGET} from Java.
	 */
	private static final List<Object> FIELD_NAMES = List.of("id", "p", "k", "c", "a", "l", "e", "u", "i");

	/**
	 * At most how many lapsed revocations one purge script drops, so that Redis is never
	 * blocked for long.
	 */
	private static final int PURGE_BATCH = 1000;

	/**
	 * How many times {@link #removeExpired(int)} looks again for expired sessions when
	 * other instances removed those it found.
	 */
	private static final int MAX_EXPIRED_ROUNDS = 16;

	/**
	 * Functions the scripts on a user's slot share. {@code KEYS[1]} is the version,
	 * {@code KEYS[2]} the ids by creation and {@code KEYS[3]} the ids by expiry;
	 * {@code ARGV[1]} is the store clock's time in milliseconds, {@code ARGV[2]} the
	 * margin in milliseconds and {@code ARGV[3]} the start of the session keys, whose
	 * hash tag is the user's.
	 */
	private static final String USER_FUNCTIONS = """
			local now = tonumber(ARGV[1])
			local margin = tonumber(ARGV[2])
			local prefix = ARGV[3]
			local function read(id)
			  local session = redis.call('HMGET', prefix .. id, %s)
			  if not session[1] then
			    return nil
			  end
			  return session
			end
			local function live(session)
			  return tonumber(session[7]) > now
			end
			local function forget(id)
			  local session = read(id)
			  redis.call('DEL', prefix .. id)
			  redis.call('ZREM', KEYS[2], id)
			  redis.call('ZREM', KEYS[3], id)
			  return session
			end
			local function redisMillis()
			  local time = redis.call('TIME')
			  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			end
			local function redisAt(at)
			  return redisMillis() + (at - now)
			end
			local function expireNotBefore(key, at)
			  redis.call('PEXPIREAT', key, at, 'NX')
			  redis.call('PEXPIREAT', key, at, 'GT')
			end
			local function keepUntil(at)
			  local floor = redisMillis() + margin
			  for i = 1, 3 do
			    expireNotBefore(KEYS[i], floor)
			    if at then
			      expireNotBefore(KEYS[i], redisAt(at) + margin)
			    end
			  end
			end
			local function bump()
			  local time = redis.call('TIME')
			  local micros = tonumber(time[1]) * 1000000 + tonumber(time[2])
			  local version = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + 1, micros)
			  local text = string.format('%%.0f', version)
			  redis.call('SET', KEYS[1], text, 'KEEPTTL')
			  return text
			end
			""".formatted(FIELDS);

	/**
	 * Return the version ({@code "0"} for a user without one) followed by at most
	 * {@code ARGV[5]} live sessions of the user {@code ARGV[4]}, newest first, reading
	 * the ids in batches of that size so that expired ones are skipped without reading
	 * all.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> FIND = RedisScript.of(USER_FUNCTIONS + """
			local principal = ARGV[4]
			local limit = tonumber(ARGV[5])
			local reply = { redis.call('GET', KEYS[1]) or '0' }
			local start = 0
			while #reply <= limit do
			  local ids = redis.call('ZRANGE', KEYS[2], start, start + limit - 1)
			  if #ids == 0 then
			    break
			  end
			  for _, id in ipairs(ids) do
			    local session = read(id)
			    if session and session[2] == principal and live(session) then
			      reply[#reply + 1] = session
			      if #reply > limit then
			        break
			      end
			    end
			  end
			  start = start + #ids
			end
			return reply
			""", List.class);

	/**
	 * Register a session if the version is {@code ARGV[4]} (or that is {@code -1}):
	 * remove the ids from {@code ARGV[9 + 2n]} on that are the user's (keeping the live
	 * ones for the reply), store the session ({@code ARGV[5]} its id, {@code ARGV[6]} its
	 * creation and {@code ARGV[7]} its expiry in milliseconds, then {@code n} =
	 * {@code ARGV[8]} field and value pairs from {@code ARGV[9]}) and change the version.
	 * Return nothing when the version was another, or else the new version followed by
	 * the sessions removed.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REGISTER = RedisScript.of(USER_FUNCTIONS + """
			local current = redis.call('GET', KEYS[1]) or '0'
			if ARGV[4] ~= '-1' and ARGV[4] ~= current then
			  return {}
			end
			local id = ARGV[5]
			local createdAt = tonumber(ARGV[6])
			local expiresAt = tonumber(ARGV[7])
			local count = tonumber(ARGV[8])
			local removed = {}
			for i = 9 + 2 * count, #ARGV do
			  local other = ARGV[i]
			  if other ~= id and redis.call('ZSCORE', KEYS[2], other) then
			    local session = forget(other)
			    if session and live(session) then
			      removed[#removed + 1] = session
			    end
			  end
			end
			local key = prefix .. id
			redis.call('DEL', key)
			redis.call('HSET', key, unpack(ARGV, 9, 8 + 2 * count))
			redis.call('PEXPIREAT', key, redisAt(expiresAt) + margin)
			redis.call('ZADD', KEYS[2], -createdAt, id)
			redis.call('ZADD', KEYS[3], expiresAt, id)
			local reply = { bump() }
			keepUntil(expiresAt)
			for _, session in ipairs(removed) do
			  reply[#reply + 1] = session
			end
			return reply
			""", List.class);

	/**
	 * Remove the session {@code ARGV[4]}, changing the version if it was there, and
	 * return it when it was live.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REMOVE = RedisScript.of(USER_FUNCTIONS + """
			local session = forget(ARGV[4])
			if not session then
			  return {}
			end
			bump()
			keepUntil(nil)
			if live(session) then
			  return session
			end
			return {}
			""", List.class);

	/**
	 * List the session {@code ARGV[2]} in the index of expiries at {@code ARGV[1]}, and
	 * keep the index at least {@code ARGV[3]} milliseconds.
	 */
	private static final RedisScript<Long> INDEX_EXPIRY = RedisScript.of("""
			redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[3], 'NX')
			redis.call('PEXPIRE', KEYS[1], ARGV[3], 'GT')
			return 1
			""", Long.class);

	/**
	 * Remove the session {@code ARGV[4]} if it has expired, changing the version, and
	 * return it; return nothing when it is gone or live.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REMOVE_EXPIRED = RedisScript.of(USER_FUNCTIONS + """
			local session = read(ARGV[4])
			if not session or live(session) then
			  return {}
			end
			forget(ARGV[4])
			bump()
			keepUntil(nil)
			return session
			""", List.class);

	/**
	 * Remove the sessions of the user {@code ARGV[4]} but {@code ARGV[5]} (empty for
	 * none), changing the version if any was there, and return the live ones.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REMOVE_ALL = RedisScript.of(USER_FUNCTIONS + """
			local removed = {}
			local changed = false
			for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
			  if id ~= ARGV[5] then
			    local session = forget(id)
			    if session then
			      changed = true
			      if session[2] == ARGV[4] and live(session) then
			        removed[#removed + 1] = session
			      end
			    end
			  end
			end
			if changed then
			  bump()
			  keepUntil(nil)
			end
			return removed
			""", List.class);

	/**
	 * Record the last use {@code ARGV[5]} of the live session {@code ARGV[4]}, its key
	 * {@code ARGV[7]} if {@code ARGV[6]} is {@code 1}, and its expiry {@code ARGV[8]}
	 * unless empty, leaving the version alone. Return 1 if the session was live.
	 */
	private static final RedisScript<Long> UPDATE = RedisScript.of(USER_FUNCTIONS + """
			local id = ARGV[4]
			local key = prefix .. id
			local expiry = redis.call('HGET', key, 'e')
			if not expiry or tonumber(expiry) <= now then
			  return 0
			end
			redis.call('HSET', key, 'l', ARGV[5])
			if ARGV[6] == '1' then
			  redis.call('HSET', key, 'k', ARGV[7])
			end
			if ARGV[8] ~= '' then
			  local expiresAt = tonumber(ARGV[8])
			  redis.call('HSET', key, 'e', ARGV[8])
			  redis.call('PEXPIREAT', key, redisAt(expiresAt) + margin)
			  redis.call('ZADD', KEYS[3], expiresAt, id)
			  keepUntil(expiresAt)
			end
			return 1
			""", Long.class);

	/**
	 * Point the lookup key of an id at the tag {@code ARGV[1]}, if {@code ARGV[3]} is
	 * {@code 1} or it already does, and keep it at least {@code ARGV[2]} milliseconds: it
	 * may outlive its session, which is harmless, but never the other way round.
	 */
	private static final RedisScript<Long> POINT_LOOKUP = RedisScript.of("""
			if ARGV[3] ~= '1' and redis.call('GET', KEYS[1]) ~= ARGV[1] then
			  return 0
			end
			redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
			redis.call('PEXPIRE', KEYS[1], ARGV[2], 'NX')
			redis.call('PEXPIRE', KEYS[1], ARGV[2], 'GT')
			return 1
			""", Long.class);

	/**
	 * Revoke {@code ARGV[3]} at {@code ARGV[1]} until {@code ARGV[2]}, or later if it was
	 * revoked for longer already, and keep both sets for as long as the revocation.
	 */
	private static final RedisScript<Long> REVOKE = RedisScript.of("""
			redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
			redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[3])
			local time = redis.call('TIME')
			local redisNow = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local floor = redisNow + tonumber(ARGV[4])
			local lapse = redisNow + (tonumber(ARGV[2]) - tonumber(ARGV[1])) + tonumber(ARGV[4])
			for i = 1, 2 do
			  for _, at in ipairs({ floor, lapse }) do
			    redis.call('PEXPIREAT', KEYS[i], at, 'NX')
			    redis.call('PEXPIREAT', KEYS[i], at, 'GT')
			  end
			end
			return 1
			""", Long.class);

	/**
	 * Return the ids revoked at or after {@code ARGV[1]} whose revocation lasts beyond
	 * {@code ARGV[2]}, each followed by when it lapses.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REVOCATIONS = RedisScript.of("""
			local now = tonumber(ARGV[2])
			local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
			local reply = {}
			for first = 1, #ids, 500 do
			  local last = math.min(first + 499, #ids)
			  local untils = redis.call('ZMSCORE', KEYS[2], unpack(ids, first, last))
			  for i = first, last do
			    local untilMillis = untils[i - first + 1]
			    if untilMillis and tonumber(untilMillis) > now then
			      reply[#reply + 1] = ids[i]
			      reply[#reply + 1] = untilMillis
			    end
			  end
			end
			return reply
			""", List.class);

	/**
	 * Drop at most {@code ARGV[2]} revocations that lapsed by {@code ARGV[1]}, and return
	 * how many.
	 */
	private static final RedisScript<Long> PURGE_REVOCATIONS = RedisScript.of("""
			local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
			if #ids > 0 then
			  redis.call('ZREM', KEYS[1], unpack(ids))
			  redis.call('ZREM', KEYS[2], unpack(ids))
			end
			return #ids
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final Clock clock;

	/**
	 * The index of every session's expiry, on one slot of its own: the sessions it lists
	 * are each removed on their user's slot.
	 */
	private final String expiringKey;

	private final List<String> revocationKeys;

	/**
	 * Create a store whose keys start with {@link #DEFAULT_KEY_PREFIX}.
	 * @param connectionFactory the connection factory to Redis
	 * @param clock the time source that decides what has expired
	 */
	public RedisSessionRegistryStore(RedisConnectionFactory connectionFactory, Clock clock) {
		this(connectionFactory, DEFAULT_KEY_PREFIX, clock);
	}

	/**
	 * Create a store.
	 * @param connectionFactory the connection factory to Redis
	 * @param keyPrefix the start of every key, which keeps the registry apart from other
	 * data; without braces, so that users are spread over a cluster's slots
	 * @param clock the time source that decides what has expired
	 */
	public RedisSessionRegistryStore(RedisConnectionFactory connectionFactory, String keyPrefix, Clock clock) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keyPrefix = keyPrefix;
		this.clock = clock;
		this.revocationKeys = List.of(keyPrefix + "{revocations}:at", keyPrefix + "{revocations}:until");
		this.expiringKey = keyPrefix + "{expiring}";
	}

	@Override
	public PrincipalSessions find(String principal, int limit) {
		Assert.notNull(principal, "'principal' must not be null");
		Assert.isTrue(limit > 0, "'limit' must be positive");
		String tag = tag(principal);
		List<?> reply = list(call(
				() -> this.redis.execute(FIND, userKeys(tag), userArguments(tag, principal, Integer.toString(limit)))));
		List<RegisteredSession> sessions = new ArrayList<>();
		for (Object session : reply.subList(1, reply.size())) {
			sessions.add(session((List<?>) session));
		}
		return new PrincipalSessions(Long.parseLong((String) reply.get(0)), sessions);
	}

	@Override
	public @Nullable RegisteredSession findById(String id) {
		Assert.notNull(id, "'id' must not be null");
		return call(() -> {
			String tag = this.redis.opsForValue().get(lookupKey(id));
			// a session that moves to another user meanwhile is looked for again
			for (int attempt = 0; tag != null && attempt < 3; attempt++) {
				List<?> fields = this.redis.opsForHash().multiGet(sessionKey(tag, id), FIELD_NAMES);
				if (fields.get(0) != null) {
					RegisteredSession session = session(fields);
					return isLive(session) ? session : null;
				}
				String now = this.redis.opsForValue().get(lookupKey(id));
				if (Objects.equals(now, tag)) {
					return null;
				}
				tag = now;
			}
			return null;
		});
	}

	@Override
	public @Nullable List<RegisteredSession> register(RegisteredSession session, long expectedVersion,
			Collection<String> removeIds) {
		Assert.notNull(session, "'session' must not be null");
		Assert.notNull(removeIds, "'removeIds' must not be null");
		String tag = tag(session.principal());
		String id = session.id();
		long expiresAt = session.expiresAt().toEpochMilli();
		List<Object> arguments = new ArrayList<>(Arrays.asList(userArguments(tag, Long.toString(expectedVersion), id,
				Long.toString(session.createdAt().toEpochMilli()), Long.toString(expiresAt))));
		List<String> fields = fields(session);
		arguments.add(Integer.toString(fields.size() / 2));
		arguments.addAll(fields);
		arguments.addAll(removeIds);
		return call(() -> {
			String previousTag = this.redis.opsForValue().get(lookupKey(id));
			List<?> reply = list(this.redis.execute(REGISTER, userKeys(tag), arguments.toArray()));
			if (reply.isEmpty()) {
				return null;
			}
			pointLookup(id, tag, expiresAt, true);
			indexExpiry(id, expiresAt);
			if (previousTag != null && !previousTag.equals(tag)) {
				// the id was another user's: not atomic with the registration, as on
				// Cluster the other user's keys are on another slot
				this.redis.execute(REMOVE, userKeys(previousTag), userArguments(previousTag, id));
			}
			List<RegisteredSession> removed = new ArrayList<>();
			for (Object other : reply.subList(1, reply.size())) {
				removed.add(session((List<?>) other));
			}
			return removed;
		});
	}

	@Override
	public @Nullable RegisteredSession remove(String id) {
		Assert.notNull(id, "'id' must not be null");
		return call(() -> {
			String tag = this.redis.opsForValue().get(lookupKey(id));
			if (tag == null) {
				return null;
			}
			// the check and the delete are one script: of several removers, one gets it
			List<?> reply = list(this.redis.execute(REMOVE, userKeys(tag), userArguments(tag, id)));
			return reply.isEmpty() ? null : session(reply);
		});
	}

	@Override
	public List<RegisteredSession> removeAll(String principal, @Nullable String exceptId) {
		Assert.notNull(principal, "'principal' must not be null");
		String tag = tag(principal);
		List<?> reply = list(call(() -> this.redis.execute(REMOVE_ALL, userKeys(tag),
				userArguments(tag, principal, (exceptId != null) ? exceptId : ""))));
		List<RegisteredSession> removed = new ArrayList<>();
		for (Object session : reply) {
			removed.add(session((List<?>) session));
		}
		return removed;
	}

	@Override
	public boolean update(String id, @Nullable String key, Instant lastSeenAt, @Nullable Instant expiresAt) {
		Assert.notNull(id, "'id' must not be null");
		Assert.notNull(lastSeenAt, "'lastSeenAt' must not be null");
		return call(() -> {
			String tag = this.redis.opsForValue().get(lookupKey(id));
			if (tag == null) {
				return false;
			}
			Long updated = this.redis.execute(UPDATE, userKeys(tag),
					userArguments(tag, id, Long.toString(lastSeenAt.toEpochMilli()), (key != null) ? "1" : "0",
							(key != null) ? key : "",
							(expiresAt != null) ? Long.toString(expiresAt.toEpochMilli()) : ""));
			if (updated == null || updated != 1) {
				return false;
			}
			if (expiresAt != null) {
				pointLookup(id, tag, expiresAt.toEpochMilli(), false);
				indexExpiry(id, expiresAt.toEpochMilli());
			}
			return true;
		});
	}

	@Override
	public void revoke(String id, Instant until) {
		Assert.notNull(id, "'id' must not be null");
		Assert.notNull(until, "'until' must not be null");
		call(() -> this.redis.execute(REVOKE, this.revocationKeys, Long.toString(now()),
				Long.toString(until.toEpochMilli()), id, Long.toString(EXPIRY_MARGIN.toMillis())));
	}

	@Override
	public List<Revocation> revocations(Instant since) {
		Assert.notNull(since, "'since' must not be null");
		List<?> reply = list(call(() -> this.redis.execute(REVOCATIONS, this.revocationKeys,
				Long.toString(since.toEpochMilli()), Long.toString(now()))));
		List<Revocation> revocations = new ArrayList<>(reply.size() / 2);
		for (int i = 0; i + 1 < reply.size(); i += 2) {
			revocations
				.add(new Revocation((String) reply.get(i), Instant.ofEpochMilli(score((String) reply.get(i + 1)))));
		}
		return revocations;
	}

	/**
	 * Remove expired sessions, soonest expired first, as the index of every session's
	 * expiry lists them: each with one script on its user's slot, which removes it only
	 * if it is there and has expired, so that of several instances one gets it. A session
	 * whose keys Redis has already dropped ({@link #EXPIRY_MARGIN} after its expiry) can
	 * no longer be reported, and leaves the index.
	 */
	@Override
	public List<RegisteredSession> removeExpired(int limit) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		List<RegisteredSession> removed = new ArrayList<>();
		// looked for again while other instances took some of those found, a few times
		for (int round = 0; round < MAX_EXPIRED_ROUNDS && removed.size() < limit; round++) {
			int wanted = limit - removed.size();
			Set<String> ids = call(() -> this.redis.opsForZSet()
				.rangeByScore(this.expiringKey, Double.NEGATIVE_INFINITY, now(), 0, wanted));
			if (ids == null) {
				break;
			}
			for (String id : ids) {
				RegisteredSession session = call(() -> removeIfExpired(id));
				if (session != null) {
					removed.add(session);
				}
			}
			if (ids.size() < wanted) {
				break;
			}
		}
		return removed;
	}

	/**
	 * Remove a session if it has expired, with one script on its user's slot, and take it
	 * off the index unless its expiry was extended, which lists it again at its new
	 * expiry.
	 */
	private @Nullable RegisteredSession removeIfExpired(String id) {
		String tag = this.redis.opsForValue().get(lookupKey(id));
		List<?> reply = (tag != null) ? list(this.redis.execute(REMOVE_EXPIRED, userKeys(tag), userArguments(tag, id)))
				: List.of();
		RegisteredSession live = (tag != null && reply.isEmpty()) ? findById(id) : null;
		if (live != null) {
			indexExpiry(id, live.expiresAt().toEpochMilli());
		}
		else {
			this.redis.opsForZSet().remove(this.expiringKey, id);
		}
		return reply.isEmpty() ? null : session(reply);
	}

	/**
	 * Drop the revocations that have lapsed, in batches. Expired sessions are removed by
	 * {@link #removeExpired(int)}; Redis drops their keys by itself a while later.
	 * @return how many revocations were dropped
	 */
	@Override
	public long purgeExpired() {
		String now = Long.toString(now());
		String batch = Integer.toString(PURGE_BATCH);
		long purged = 0;
		while (true) {
			Long dropped = call(() -> this.redis.execute(PURGE_REVOCATIONS, this.revocationKeys, now, batch));
			purged += (dropped != null) ? dropped : 0;
			if (dropped == null || dropped < PURGE_BATCH) {
				return purged;
			}
		}
	}

	private void indexExpiry(String id, long expiresAt) {
		this.redis.execute(INDEX_EXPIRY, List.of(this.expiringKey), Long.toString(expiresAt), id,
				Long.toString(Math.max(1, expiresAt + EXPIRY_MARGIN.toMillis() - now())));
	}

	private void pointLookup(String id, String tag, long expiresAt, boolean always) {
		this.redis.execute(POINT_LOOKUP, List.of(lookupKey(id)), tag,
				Long.toString(Math.max(1, expiresAt + EXPIRY_MARGIN.toMillis() - now())), always ? "1" : "0");
	}

	private List<String> userKeys(String tag) {
		String start = this.keyPrefix + "{" + tag + "}:";
		return List.of(start + "version", start + "sessions", start + "expiry");
	}

	private Object[] userArguments(String tag, String... arguments) {
		Object[] all = new Object[3 + arguments.length];
		all[0] = Long.toString(now());
		all[1] = Long.toString(EXPIRY_MARGIN.toMillis());
		all[2] = this.keyPrefix + "{" + tag + "}:s:";
		System.arraycopy(arguments, 0, all, 3, arguments.length);
		return all;
	}

	private String sessionKey(String tag, String id) {
		return this.keyPrefix + "{" + tag + "}:s:" + id;
	}

	private String lookupKey(String id) {
		return this.keyPrefix + "id:" + id;
	}

	private long now() {
		return this.clock.instant().toEpochMilli();
	}

	private boolean isLive(RegisteredSession session) {
		return session.expiresAt().isAfter(this.clock.instant());
	}

	/**
	 * Return a session's fields and values, leaving out those without a value.
	 */
	private static List<String> fields(RegisteredSession session) {
		List<String> fields = new ArrayList<>(18);
		add(fields, "id", session.id());
		add(fields, "p", session.principal());
		add(fields, "k", session.key());
		add(fields, "c", Long.toString(session.createdAt().toEpochMilli()));
		add(fields, "a", Long.toString(session.authenticatedAt().toEpochMilli()));
		add(fields, "l", Long.toString(session.lastSeenAt().toEpochMilli()));
		add(fields, "e", Long.toString(session.expiresAt().toEpochMilli()));
		add(fields, "u", session.userAgent());
		add(fields, "i", session.ip());
		return fields;
	}

	private static void add(List<String> fields, String name, @Nullable String value) {
		if (value != null) {
			fields.add(name);
			fields.add(value);
		}
	}

	private static RegisteredSession session(List<?> fields) {
		return new RegisteredSession((String) fields.get(0), (String) fields.get(1), (String) fields.get(2),
				instant(fields.get(3)), instant(fields.get(4)), instant(fields.get(5)), instant(fields.get(6)),
				(String) fields.get(7), (String) fields.get(8));
	}

	private static Instant instant(@Nullable Object millis) {
		Assert.notNull(millis, "A registered session misses a time");
		return Instant.ofEpochMilli(Long.parseLong((String) millis));
	}

	/**
	 * Parse a sorted set's score as Redis prints it, which may be in exponent form.
	 */
	private static long score(String score) {
		return (long) Double.parseDouble(score);
	}

	/**
	 * Return the hash tag of a user: the first 128 bits of the SHA-256 of the name, in
	 * hex. The name itself may hold braces, and could be long.
	 * @param principal the user's name
	 * @return the hash tag
	 */
	static String tag(String principal) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static List<?> list(@Nullable List<?> reply) {
		return (reply != null) ? reply : List.of();
	}

	private static <T extends @Nullable Object> T call(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (InvalidDataAccessApiUsageException ex) {
			// a mistake in how Redis is used, not an outage
			throw ex;
		}
		catch (DataAccessException ex) {
			// spring-data-redis translates a connection that cannot be opened, a command
			// timeout, a lost connection and an error reply into these
			throw new SessionStoreUnavailableException("Redis is unavailable: " + ex.getMessage(), ex);
		}
	}

}
