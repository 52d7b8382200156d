package io.rollstream.policy.sampling;

/** One drawn token and its log-prob under the tempered, untruncated distribution. */
public record SampledToken(int id, float logProb) {}
