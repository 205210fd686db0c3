# Rampart demo: the Terraform counterpart of ../cloudformation/services.yaml. Each type has a
# planted flaw (flawed), a clean counterpart (clean) and one whose setting is known only after
# apply (unresolved, reported UNKNOWN). plan.json: see ../terraform/README.md for how it is made.
terraform {
  required_providers { aws = { source = "hashicorp/aws" } }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAEXAMPLE"
  secret_key                  = "example"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
locals {
  # Known only after apply: a setting that reads it is unresolved in the plan.
  after_apply = length(aws_vpc.network.arn) > 0
  tokens      = length(aws_vpc.network.arn) > 0 ? "required" : "optional"
}

resource "aws_vpc" "network" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "gateway" { vpc_id = aws_vpc.network.id }
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.network.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gateway.id
  }
}
resource "aws_subnet" "flawed" {
  vpc_id                  = aws_vpc.network.id
  cidr_block              = "10.0.1.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true
}
resource "aws_route_table_association" "flawed" {
  subnet_id      = aws_subnet.flawed.id
  route_table_id = aws_route_table.public.id
}
resource "aws_subnet" "clean" {
  vpc_id            = aws_vpc.network.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"
}
resource "aws_subnet" "unresolved" {
  vpc_id                  = aws_vpc.network.id
  cidr_block              = "10.0.3.0/24"
  map_public_ip_on_launch = local.after_apply
}
resource "aws_network_acl" "flawed" {
  vpc_id     = aws_vpc.network.id
  subnet_ids = [aws_subnet.flawed.id]
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
resource "aws_network_acl" "clean" {
  vpc_id     = aws_vpc.network.id
  subnet_ids = [aws_subnet.clean.id]
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}
resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh from anywhere"
  vpc_id      = aws_vpc.network.id
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "flawed" {
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.flawed.id
  vpc_security_group_ids = [aws_security_group.ssh.id]
  metadata_options { http_tokens = "optional" }
  root_block_device { volume_size = 8 }
}
resource "aws_instance" "clean" {
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.clean.id
  vpc_security_group_ids = [aws_security_group.ssh.id]
  metadata_options { http_tokens = "required" }
  root_block_device {
    volume_size = 8
    encrypted   = true
  }
}
resource "aws_instance" "unresolved" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.clean.id
  metadata_options { http_tokens = local.tokens }
}
resource "aws_ebs_volume" "flawed" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = false
}
resource "aws_ebs_volume" "clean" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
}
resource "aws_ebs_volume" "unresolved" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = local.after_apply
}
resource "aws_launch_template" "app" {
  name          = "app"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options { http_tokens = "required" }
}
resource "aws_autoscaling_group" "flawed" {
  name                = "flawed"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.flawed.id]
  launch_template { id = aws_launch_template.app.id }
}
resource "aws_autoscaling_group" "clean" {
  name                = "clean"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.flawed.id, aws_subnet.clean.id]
  launch_template { id = aws_launch_template.app.id }
}
resource "aws_autoscaling_group" "unresolved" {
  name                = "unresolved"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.flawed.id, aws_subnet.unresolved.id]
  launch_template { id = aws_launch_template.app.id }
}
resource "aws_kms_key" "flawed" { description = "never rotated" }
resource "aws_kms_key" "clean" {
  description         = "rotated"
  enable_key_rotation = true
}
resource "aws_kms_key" "unresolved" {
  description         = "rotation known after apply"
  enable_key_rotation = local.after_apply
}
resource "aws_dynamodb_table" "flawed" {
  name         = "flawed"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_dynamodb_table" "clean" {
  name         = "clean"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery { enabled = true }
}
resource "aws_dynamodb_table" "unresolved" {
  name         = "unresolved"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery { enabled = local.after_apply }
}
resource "aws_sqs_queue" "flawed" { name = "flawed" }
resource "aws_sqs_queue_policy" "flawed" {
  queue_url = aws_sqs_queue.flawed.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }] })
}
resource "aws_sqs_queue" "clean" { name = "clean" }
resource "aws_sqs_queue_policy" "clean" {
  queue_url = aws_sqs_queue.clean.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::000000000000:root" }, Action = "sqs:SendMessage", Resource = "*" }] })
}
resource "aws_sqs_queue" "unresolved" { name = "unresolved" }
resource "aws_sqs_queue_policy" "unresolved" {
  queue_url = aws_sqs_queue.unresolved.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.function.arn }, Action = "sqs:SendMessage", Resource = aws_sqs_queue.unresolved.arn }] })
}
resource "aws_sns_topic" "flawed" { name = "flawed" }
resource "aws_sns_topic" "clean" {
  name              = "clean"
  kms_master_key_id = "alias/aws/sns"
}
resource "aws_sns_topic" "unresolved" {
  name              = "unresolved"
  kms_master_key_id = local.after_apply ? "alias/aws/sns" : null
}
resource "aws_iam_role" "function" {
  name               = "function"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_lambda_function" "flawed" {
  function_name = "flawed"
  role          = aws_iam_role.function.arn
  runtime       = "python3.13"
  handler       = "index.handler"
  filename      = "function.zip"
}
resource "aws_lambda_permission" "flawed" {
  function_name = aws_lambda_function.flawed.function_name
  action        = "lambda:InvokeFunction"
  principal     = "*"
}
resource "aws_lambda_function" "clean" {
  function_name = "clean"
  role          = aws_iam_role.function.arn
  runtime       = "python3.13"
  handler       = "index.handler"
  filename      = "function.zip"
}
resource "aws_lambda_permission" "clean" {
  function_name  = aws_lambda_function.clean.function_name
  action         = "lambda:InvokeFunction"
  principal      = "s3.amazonaws.com"
  source_account = "000000000000"
  source_arn     = "arn:aws:s3:::demo-uploads"
}
resource "aws_lambda_function" "unresolved" {
  function_name = "unresolved"
  role          = aws_iam_role.function.arn
  runtime       = "python3.13"
  handler       = "index.handler"
  filename      = "function.zip"
}
resource "aws_lambda_permission" "unresolved" {
  function_name = aws_lambda_function.unresolved.function_name
  action        = "lambda:InvokeFunction"
  principal     = aws_iam_role.function.arn
}
resource "aws_cloudtrail" "flawed" {
  name           = "flawed"
  s3_bucket_name = "demo-trail-logs"
}
resource "aws_cloudtrail" "clean" {
  name                       = "clean"
  s3_bucket_name             = "demo-trail-logs"
  enable_log_file_validation = true
}
resource "aws_cloudtrail" "unresolved" {
  name                       = "unresolved"
  s3_bucket_name             = "demo-trail-logs"
  enable_log_file_validation = local.after_apply
}
resource "aws_rds_cluster" "flawed" {
  cluster_identifier          = "flawed"
  engine                      = "aurora-postgresql"
  master_username             = "dbowner"
  manage_master_user_password = true
  skip_final_snapshot         = true
}
resource "aws_rds_cluster" "clean" {
  cluster_identifier          = "clean"
  engine                      = "aurora-postgresql"
  master_username             = "dbowner"
  manage_master_user_password = true
  skip_final_snapshot         = true
  storage_encrypted           = true
}
resource "aws_rds_cluster" "unresolved" {
  cluster_identifier          = "unresolved"
  engine                      = "aurora-postgresql"
  master_username             = "dbowner"
  manage_master_user_password = true
  skip_final_snapshot         = true
  storage_encrypted           = local.after_apply
}
