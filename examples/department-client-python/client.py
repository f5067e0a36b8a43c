#!/usr/bin/env python3
"""A department's own system talking to ugov's processing over Kafka only, in Python.

It reads the department's stream processing.department.<code>.v1, signs each new assignment and replies to it with
commands on processing.department.<code>.commands.v1, and prints one line per result the stream brings back.
The messages are the protobuf contracts of proto/ugov/processing/v1/department_integration.proto; their Python
code is generated from proto/ with protoc into ./generated (git-ignored) when it is missing or older than proto/.

Needs python3-confluent-kafka, python3-protobuf and protobuf-compiler (Debian) or confluent-kafka and protobuf (pip)
with protoc. See README.md.

Output, one line each:
  assigned <assignment_id> case=<case_id> tracking=<tracking_number>
  <sign|reply> <accepted|refused> <assignment_id> command=<command_id> status=<http status> [code=<code>] [assignment=<status>]
Exit status: 0 when --assignments assignments were replied to; 1 when a command was refused or on timeout.
"""
import argparse
import os
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "proto"))
GENERATED = os.path.join(HERE, "generated")
NEW_WORK = "ugov.dispatch.case-assigned.v1"


def proto_files():
    found = []
    for folder, _, names in os.walk(PROTO_ROOT):
        found.extend(os.path.join(folder, name) for name in names if name.endswith(".proto"))
    return sorted(found)


def generate():
    """protoc --python_out for every contract under proto/ (the department's imports the intake and processing ones).
    google/protobuf/timestamp.proto comes with protoc's own includes; its Python code comes with the protobuf package."""
    files = proto_files()
    stamp = os.path.join(GENERATED, ".stamp")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= max(os.path.getmtime(f) for f in files):
        return
    os.makedirs(GENERATED, exist_ok=True)
    command = ["protoc", "-I", PROTO_ROOT]
    if os.path.isdir("/usr/include/google/protobuf"):
        command += ["-I", "/usr/include"]
    subprocess.run(command + ["--python_out", GENERATED] + files, check=True)
    with open(stamp, "w"):
        pass


def parse_args():
    parser = argparse.ArgumentParser(description="A department's system over Kafka: signs and replies to its new assignments.")
    parser.add_argument("--department", required=True, help="the department code, e.g. city-transport")
    parser.add_argument("--group", required=True, help="the consumer group id (the department's ACL must allow it)")
    parser.add_argument("--brokers", default=os.environ.get("KAFKA_BROKERS", "127.0.0.1:9092"))
    parser.add_argument("--topic-prefix", default=os.environ.get("KAFKA_TOPIC_PREFIX", ""),
                        help="the services' KAFKA_TOPIC_PREFIX (default: that variable, else none)")
    parser.add_argument("--assignments", type=int, default=1, help="exit after replying to this many new assignments")
    parser.add_argument("--timeout", type=float, default=120.0, help="give up after this many seconds")
    parser.add_argument("--reply-text", default="已处理完毕。")
    parser.add_argument("--generate-only", action="store_true", help="only (re)generate the protobuf code")
    return parser.parse_args()


def main():
    args = parse_args()
    generate()
    if args.generate_only:
        return 0
    sys.path.insert(0, GENERATED)
    from confluent_kafka import Consumer, KafkaError, Producer
    from ugov.processing.v1 import department_integration_pb2 as contract

    stream = f"{args.topic_prefix}processing.department.{args.department}.v1"
    commands = f"{args.topic_prefix}processing.department.{args.department}.commands.v1"
    consumer = Consumer({
        "bootstrap.servers": args.brokers,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": True,
        "topic.metadata.refresh.interval.ms": 5000,
    })
    producer = Producer({"bootstrap.servers": args.brokers, "acks": "all", "enable.idempotence": True})
    consumer.subscribe([stream])

    sent = {}  # command id -> (kind, assignment id)
    seen = set()  # assignment ids taken up
    replied = 0
    refused = 0

    def send(kind, assignment_id, **fields):
        command = contract.DepartmentCommand(command_id=f"{kind}-{uuid.uuid4()}", assignment_id=assignment_id)
        getattr(command, kind).SetInParent()
        for name, value in fields.items():
            setattr(getattr(command, kind), name, value)
        sent[command.command_id] = (kind, assignment_id)
        producer.produce(commands, key=assignment_id.encode(), value=command.SerializeToString())
        producer.flush(10)

    deadline = time.monotonic() + args.timeout
    try:
        while replied + refused < args.assignments:
            if time.monotonic() > deadline:
                print(f"timeout after {args.timeout:g} s: {replied} of {args.assignments} assignments replied", flush=True)
                return 1
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                if message.error().code() in (KafkaError._PARTITION_EOF, KafkaError.UNKNOWN_TOPIC_OR_PART):
                    continue
                raise SystemExit(f"kafka: {message.error()}")
            update = contract.DepartmentStreamMessage.FromString(message.value())
            assignment = update.assignment if update.HasField("assignment") else None
            if update.HasField("result") and update.result.command_id in sent:
                result = update.result
                kind, assignment_id = sent.pop(result.command_id)
                line = [kind, "accepted" if result.accepted else "refused", assignment_id,
                        f"command={result.command_id}", f"status={result.status}"]
                if result.code:
                    line.append(f"code={result.code}")
                if assignment is not None:
                    line.append(f"assignment={assignment.status}")
                print(" ".join(line), flush=True)
                if not result.accepted:
                    refused += 1
                elif kind == "sign":
                    send("reply", assignment_id, text=args.reply_text, outcome="resolved")
                else:
                    replied += 1
            elif update.change == NEW_WORK and assignment is not None and assignment.assignment_id not in seen:
                seen.add(assignment.assignment_id)
                print(f"assigned {assignment.assignment_id} case={assignment.case_id} "
                      f"tracking={assignment.tracking_number}", flush=True)
                send("sign", assignment.assignment_id)
    finally:
        consumer.close()
    return 0 if refused == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
