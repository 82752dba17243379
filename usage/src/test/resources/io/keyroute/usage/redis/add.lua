-- Adds to a counter that expires in a minute (the tests' keys leave nothing behind).
local function add(key, by)
  local total = redis.call('INCRBY', key, by)
  redis.call('PEXPIRE', key, 60000)
  return total
end
