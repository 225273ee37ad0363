module github.com/closewait/closewait/bench/targets

go 1.26.0

require (
	github.com/nats-io/nats-server/v2 v2.15.2
	github.com/redis/go-redis/v9 v9.23.0
	golang.org/x/net v0.62.0
	google.golang.org/grpc v1.85.0
)
