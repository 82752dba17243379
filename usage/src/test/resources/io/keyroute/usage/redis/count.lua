return add(KEYS[1], ARGV[1])
