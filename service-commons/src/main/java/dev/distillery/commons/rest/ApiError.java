package dev.distillery.commons.rest;

/** The body of every 4xx answer: what was wrong, in words a user can act on. */
public record ApiError(int status, String error) {}
