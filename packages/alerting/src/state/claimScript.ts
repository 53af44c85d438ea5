/**
 * Claims one transition of one alert: a compare-and-set on the hash's `rev`, and in the same atomic step the
 * write, the index entry, the version bump, the PUBLISH and (optionally) the history entry. Two replicas that
 * decide the same transition from the same revision race here; exactly one script sees its revision and
 * publishes, the other returns 0 and re-reads. Publishing inside the script means a process that dies right
 * after its claim cannot leave a transition claimed but never announced.
 *
 * KEYS: 1 alert hash, 2 source index (sorted set), 3 source version counter, 4 history sorted set (optional)
 * ARGV: 1 expected rev, 2 channel, 3 alert JSON, 4 fingerprint, 5 now ms, 6 hash TTL ms,
 *       7 history cutoff ms, 8 history TTL s, 9.. hash field/value pairs
 */
export const CLAIM_SCRIPT = `
local rev = redis.call('HGET', KEYS[1], 'rev') or '0'
if rev ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'rev', tostring(tonumber(rev) + 1), unpack(ARGV, 9))
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
redis.call('INCR', KEYS[3])
redis.call('PUBLISH', ARGV[2], ARGV[3])
if KEYS[4] then
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3])
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[7])
  redis.call('EXPIRE', KEYS[4], ARGV[8])
end
return 1
`
