add(KEYS[1], ARGV[1])
return redis.error_reply('refused after adding')
