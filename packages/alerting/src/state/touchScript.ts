/**
 * Marks firing alerts as still seen (`seen_at`), without a new revision: it is not a transition, so it never
 * makes a concurrent claim retry. Records that are not firing (resolved, expired) are left alone.
 *
 * KEYS: alert hashes; ARGV: 1 now ms
 */
export const TOUCH_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('HGET', key, 'state') == 'firing' then redis.call('HSET', key, 'seen_at', ARGV[1]) end
end
return 0
`
