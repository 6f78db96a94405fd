variable "name" {
  type = string
}

variable "group_ids" {
  type = list(string)
}

resource "aws_elasticache_cluster" "this" {
  cluster_id         = var.name
  engine             = "redis"
  node_type          = "cache.t4g.micro"
  num_cache_nodes    = 1
  security_group_ids = var.group_ids
}

output "address" {
  value = aws_elasticache_cluster.this.cache_nodes
}
