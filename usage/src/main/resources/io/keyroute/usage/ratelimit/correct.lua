-- Gives one request back to the requests bucket KEYS[1] (when rpm > 0) and adds ARGV[5] tokens to the
-- tokens bucket KEYS[2] (when tpm > 0): given back never beyond the bucket's size, charged even below
-- zero. ARGV: now (ms), keep (ms), rpm, tpm, tokens.
local now, keep = tonumber(ARGV[1]), tonumber(ARGV[2])
local rpm, tpm, add = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]) * SCALE
if rpm > 0 then
  local s, t = level(KEYS[1], rpm, now)
  store(KEYS[1], rpm, math.min(s + SCALE, rpm * SCALE), t, now, keep)
end
if tpm > 0 and add ~= 0 then
  local s, t = level(KEYS[2], tpm, now)
  s = s + add
  if add > 0 then
    s = math.min(s, tpm * SCALE)
  end
  store(KEYS[2], tpm, s, t, now, keep)
end
return 0
