"""Writes the transformers reference vectors the Java tests of io.rollstream.policy.llama compare against.

Run by hand (CI never runs it); its outputs under policy/src/test/resources/reference are committed.

    python -m venv /tmp/venv && /tmp/venv/bin/pip install torch transformers tokenizers safetensors gguf accelerate
    /tmp/venv/bin/python policy/src/test/python/make_reference_fixtures.py [--smollm2 path/to/SmolLM2.gguf]

For each of a tiny random Llama (untied output, sharded weights) and a tiny random Qwen2 (tied output, q/k/v
biases) it saves the model with save_pretrained, a small byte-level BPE tokenizer trained with tokenizers and a
ChatML template, and reference.json: logits of fixed token ids, a greedy continuation, log-probs of a given
continuation at two temperatures, and the rendered text and token ids of the multi-attempt paper's prompt and
feedback turns. With --smollm2 it also writes the top logits transformers computes on the dequantised GGUF.
"""

import argparse
import json
import pathlib

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "reference"
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
VOCAB = 320
CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}"
    "{%- else %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{%- endif %}"
    "{%- for message in messages %}{%- if not (message['role'] == 'system' and loop.first) %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{%- endif %}{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
SYSTEM = ("Please reason step by step, and put your final answer within \\boxed{}. You have 2 attempts to answer the "
          "questions, and you should provide the full reasoning steps in each attempt.")
FEEDBACK = "Your answer is incorrect. You have 1 attempts left. Try an alternative."
CORPUS = [SYSTEM, FEEDBACK, "What is 12 + 30? The answer is \\boxed{42}.", "Let me think: 7 * 6 = 42, so 6 * 7 = 42.",
          "The quick brown fox jumps over the lazy dog.", "If x + y = 1 and x - y = 3, then x = 2 and y = -1."] * 20
CONVERSATIONS = {
    "first_attempt": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "What is 12 + 30?"}],
    "feedback": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "What is 12 + 30?"},
                 {"role": "assistant", "content": "12 + 30 = \\boxed{32}"}, {"role": "system", "content": FEEDBACK}],
    "default_system": [{"role": "user", "content": "Name the capital of France."}],
}


def tokenizer():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB, special_tokens=SPECIAL,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS, trainer)
    assert tok.get_vocab_size() == VOCAB, tok.get_vocab_size()
    return PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                   chat_template=CHAT_TEMPLATE)


def randomise(model, seed):
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(0.3 * torch.randn(p.shape, generator=gen))


def log_probs(model, prompt, continuation, temperature):
    ids = torch.tensor([prompt + continuation])
    with torch.no_grad():
        logits = model(ids).logits[0, len(prompt) - 1:-1].double() / temperature
    lp = torch.log_softmax(logits, -1)
    return [lp[i, t].item() for i, t in enumerate(continuation)]


def greedy(model, prompt, steps):
    ids = list(prompt)
    for _ in range(steps):
        with torch.no_grad():
            ids.append(int(model(torch.tensor([ids])).logits[0, -1].argmax()))
    return ids[len(prompt):]


def build(name, model, tok, shard):
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    model.save_pretrained(folder, max_shard_size=shard) if shard else model.save_pretrained(folder)
    tok.save_pretrained(folder)
    fixed = [1, 17, 200, 45, 3, 99, 150, 7, 280, 64, 2, 33]
    with torch.no_grad():
        logits = model(torch.tensor([fixed])).logits[0]
    texts = {}
    for key, messages in CONVERSATIONS.items():
        rendered = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        texts[key] = {"messages": messages, "rendered": rendered, "ids": tok.encode(rendered, add_special_tokens=False)}
    prompt = texts["first_attempt"]["ids"]
    continuation = tok.encode("12 + 30 = \\boxed{42}", add_special_tokens=False)
    reference = {
        "logits_ids": fixed,
        "logits": [[round(v, 7) for v in row.tolist()] for row in logits],
        "greedy_prompt": prompt,
        "greedy": greedy(model, prompt, 16),
        "continuation_prompt": prompt,
        "continuation": continuation,
        "continuation_log_probs": {"1.0": log_probs(model, prompt, continuation, 1.0),
                                   "0.7": log_probs(model, prompt, continuation, 0.7)},
        "texts": texts,
        "feedback_text": FEEDBACK,
        "feedback_ids": tok.encode(FEEDBACK, add_special_tokens=False),
    }
    (folder / "reference.json").write_text(json.dumps(reference, indent=1))


def smollm2(path):
    from transformers import AutoModelForCausalLM, AutoTokenizer
    gguf = pathlib.Path(path)
    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, torch_dtype=torch.float32)
    prompts = [
        "<|im_start|>system\n" + SYSTEM + "<|im_end|>\n<|im_start|>user\nWhat is 12 + 30?<|im_end|>\n"
        "<|im_start|>assistant\n",
        "The quick brown fox",
    ]
    cases = []
    for text in prompts:
        ids = tok.encode(text, add_special_tokens=False)
        with torch.no_grad():
            last = model(torch.tensor([ids])).logits[0, -1]
        top = torch.topk(last, 20)
        cases.append({"text": text, "ids": ids, "top_ids": top.indices.tolist(),
                      "top_logits": [round(v, 6) for v in top.values.tolist()]})
    (OUT / "smollm2-transformers.json").write_text(json.dumps(cases, indent=1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smollm2", help="SmolLM2-135M-Instruct.Q4_1.gguf to compute transformers' logits on")
    args = parser.parse_args()
    torch.manual_seed(0)
    tok = tokenizer()
    common = dict(vocab_size=VOCAB, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256, rms_norm_eps=1e-6,
                  bos_token_id=None, eos_token_id=2, pad_token_id=0)
    llama = LlamaForCausalLM(LlamaConfig(**common, rope_theta=10000.0, tie_word_embeddings=False)).float().eval()
    randomise(llama, 1)
    build("tiny-llama", llama, tok, "40KB")
    qwen = Qwen2ForCausalLM(Qwen2Config(**common, rope_theta=1000000.0, tie_word_embeddings=True)).float().eval()
    randomise(qwen, 2)
    build("tiny-qwen2", qwen, tok, None)
    if args.smollm2:
        smollm2(args.smollm2)


if __name__ == "__main__":
    main()
