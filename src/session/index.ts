// The session folder's face: session state, its stores and per-session request serialization.
export type { SessionData, SessionStore } from './session-store.ts'
export { MemorySessionStore, type MemorySessionStoreOptions } from './memory-session-store.ts'
export { RedisSessionStore, type RedisSessionStoreOptions } from './redis-session-store.ts'
export { isValidSessionId, newSessionId, Session } from './session.ts'
export { loadSession, saveSession, type SaveOutcome } from './session-state.ts'
export { InProcessSessionLock, withSessionLock, type SessionLock } from './lock.ts'
export { RedisSessionLock, SessionLockTimeoutError, type RedisSessionLockOptions } from './redis-lock.ts'
