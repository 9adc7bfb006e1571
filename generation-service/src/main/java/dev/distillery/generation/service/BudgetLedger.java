package dev.distillery.generation.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * What each run with a budget has spent, and set aside for requests in flight. A request is only sent when
 * its worst case (its prompt and a full-length answer) still fits under the cap, so a run never spends more
 * than its budget, even with many requests in flight. What a run spent before a restart is read back from the
 * stored samples. Thread-safe.
 */
@ApplicationScoped
public class BudgetLedger {
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  @Inject
  BudgetLedger(MeterRegistry registry) {
    registry.gauge("distillery.generation.budget.remaining.usd", this, BudgetLedger::remaining);
  }

  /**
   * Sets {@code amount} aside for a request of a run with a cap.
   *
   * @param storedSpend what the run had spent before this process knew it, read once
   * @return false when the request would not fit under the cap: it must not be sent
   */
  public boolean reserve(String runId, double budgetUsd, DoubleSupplier storedSpend, double amount) {
    Account account = accounts.computeIfAbsent(runId, id -> new Account(budgetUsd, storedSpend.getAsDouble()));
    return account.reserve(amount);
  }

  /** The request is over: {@code reserved} is released and {@code actual} spent. */
  public void settle(String runId, double reserved, double actual) {
    Account account = accounts.get(runId);
    if (account != null) {
      account.settle(reserved, actual);
    }
  }

  /** What the run has spent so far, as this process knows it; 0 for a run it has not seen. */
  public double spent(String runId) {
    Account account = accounts.get(runId);
    return account == null ? 0 : account.spent();
  }

  /** Money left under the caps of every run this process has seen, for the gauge. */
  double remaining() {
    return accounts.values().stream().mapToDouble(Account::remaining).sum();
  }

  private static final class Account {
    private final double budget;
    private double spent;
    private double reserved;

    Account(double budget, double spent) {
      this.budget = budget;
      this.spent = spent;
    }

    synchronized boolean reserve(double amount) {
      if (spent + reserved + amount > budget) {
        return false;
      }
      reserved += amount;
      return true;
    }

    synchronized void settle(double released, double actual) {
      reserved = Math.max(0, reserved - released);
      spent += actual;
    }

    synchronized double spent() {
      return spent;
    }

    synchronized double remaining() {
      return Math.max(0, budget - spent - reserved);
    }
  }
}
