package io.sessionengines.web.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sessionengines.session.Session;
import io.sessionengines.web.SessionView;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.server.WebSession;

/**
 * The {@link WebSession} view of a request's {@link Session}, whose data was read before
 * the view was given out: attributes are session entries, the id is the session key,
 * {@code invalidate} flushes the session, {@code changeSessionId} moves it to a new key
 * (Django's {@code cycle_key}) and {@code setMaxIdleTime} sets its expiry. Flushing and
 * moving the session write to the store, so they run on the blocking scheduler and the
 * exchange resumes on its event loop.
 * <p>
 * The session is saved when the response commits, by Django's rules; {@link #save()} only
 * marks it modified, so that values changed in place are saved too.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class EngineWebSession implements WebSession {

	private final SessionView view;

	private final Session session;

	private final ExchangeEngineCalls engineCalls;

	private final Map<String, Object> attributes = new Attributes();

	EngineWebSession(SessionView view, ExchangeEngineCalls engineCalls) {
		this.view = view;
		this.session = view.getSession();
		this.engineCalls = engineCalls;
	}

	/**
	 * Return the session this is a view of.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * Return the session's id, as {@link SessionView#id()} says: the key, a hash of it
	 * for signed cookies, or an empty string while the session has none.
	 */
	@Override
	public String getId() {
		return this.view.id();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	/**
	 * Does nothing: as in Django, a session is stored once something is put in it.
	 */
	@Override
	public void start() {
	}

	/**
	 * Return whether the session has a key or data.
	 */
	@Override
	public boolean isStarted() {
		return !this.session.isEmpty();
	}

	/**
	 * Move the session's data to a new key and delete the old session (Django's
	 * {@code cycle_key}); a session without data is flushed instead, so that no empty
	 * session is stored: Spring Security's CSRF repository changes the id when it saves a
	 * token, after a logout's flush too.
	 */
	@Override
	public Mono<Void> changeSessionId() {
		return this.engineCalls.run(() -> {
			if (this.session.keys().isEmpty()) {
				this.session.flush();
			}
			else {
				this.session.cycleKey();
			}
		});
	}

	@Override
	public Mono<Void> invalidate() {
		return this.engineCalls.run(this.session::flush);
	}

	/**
	 * Mark the session modified, so that it is saved when the response commits even if
	 * its values were only changed in place; the save itself is the commit's.
	 */
	@Override
	public Mono<Void> save() {
		return Mono.fromRunnable(() -> {
			if (!this.session.isEmpty()) {
				this.session.setModified(true);
			}
		});
	}

	/**
	 * Return {@code false}: a session whose key named no live session was read as a new,
	 * empty one.
	 */
	@Override
	public boolean isExpired() {
		return false;
	}

	@Override
	public Instant getCreationTime() {
		return this.view.creationTime();
	}

	@Override
	public Instant getLastAccessTime() {
		return this.view.lastAccessTime();
	}

	/**
	 * Expire the session after this long without a save; zero or negative means never: as
	 * long as browsers keep a cookie.
	 */
	@Override
	public void setMaxIdleTime(Duration maxIdleTime) {
		this.view.setMaxIdleSeconds(maxIdleTime.getSeconds());
	}

	@Override
	public Duration getMaxIdleTime() {
		return Duration.ofSeconds(this.session.getExpiryAge());
	}

	/**
	 * The attributes: the session's entries, the login attribute read and written by its
	 * rules. A {@code null} value removes the entry.
	 */
	private final class Attributes extends AbstractMap<String, Object> {

		@Override
		public @Nullable Object get(Object name) {
			return (name instanceof String key) ? EngineWebSession.this.view.getAttribute(key) : null;
		}

		@Override
		public boolean containsKey(Object name) {
			return get(name) != null;
		}

		@Override
		public @Nullable Object put(String name, @Nullable Object value) {
			if (value == null) {
				return remove(name);
			}
			Object old = get(name);
			EngineWebSession.this.view.setAttribute(name, value);
			return old;
		}

		@Override
		public @Nullable Object remove(Object name) {
			return (name instanceof String key) ? EngineWebSession.this.view.removeAttribute(key) : null;
		}

		@Override
		public void clear() {
			EngineWebSession.this.session.clear();
		}

		@Override
		public int size() {
			return EngineWebSession.this.session.keys().size();
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			return new AbstractSet<>() {

				@Override
				public Iterator<Entry<String, Object>> iterator() {
					Iterator<String> names = List.copyOf(EngineWebSession.this.session.keys()).iterator();
					return new Iterator<>() {

						private @Nullable String last;

						@Override
						public boolean hasNext() {
							return names.hasNext();
						}

						@Override
						public Entry<String, Object> next() {
							String name = names.next();
							this.last = name;
							Object value = get(name);
							return new SimpleImmutableEntry<>(name, value);
						}

						@Override
						public void remove() {
							if (this.last == null) {
								throw new IllegalStateException("next() was not called");
							}
							Attributes.this.remove(this.last);
							this.last = null;
						}

					};
				}

				@Override
				public int size() {
					return Attributes.this.size();
				}

			};
		}

	}

}
