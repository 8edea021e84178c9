/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-list"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ak-account.h"
#include "ak-error.h"
#include "ak-keystone-json.h"
#include "ak-keystone-provider.h"
#include "ak-test-util.h"

/* Times what the key list costs (run by tests/bench/run-bench.sh):
 *
 *   bench-list list [RUNS]       the member's keys through AkKeystoneProvider,
 *                                request + parse + a GListStore of AkKey,
 *                                on a token obtained before timing
 *   bench-list all-users [RUNS]  every user's keys as the admin, by each
 *                                AkKeystoneAllUsersStrategy in turn, after
 *                                one run of each not timed
 *   bench-list parse FILE [RUNS] parsing an OS-EC2 list body into a GListStore
 *
 * The server and the accounts come from the AK_TEST_* variables that
 * tests/harness/keystone.sh writes. Each run prints one line; the last line
 * of each measurement is "median NAME SECONDS". */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);

  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);

  return (g_array_index (times, double, times->len / 2 - 1) +
          g_array_index (times, double, times->len / 2)) / 2;
}

/* The median of @times, or what failed: every run, or how many of them. */
static void
print_median (const char *name,
              GArray     *times,
              guint       runs,
              const char *last_failure)
{
  if (times->len == 0)
    {
      g_print ("median %s failed: every run of %u (%s)\n", name, runs,
               last_failure != NULL ? last_failure : "no run");
      return;
    }

  if (times->len < runs)
    g_print ("median %s %.3f (%u of %u runs failed, the last: %s)\n",
             name, median (times), runs - times->len, runs, last_failure);
  else
    g_print ("median %s %.3f\n", name, median (times));
}

static AkProvider *
signed_in_provider (const char *user,
                    const char *password,
                    const char *project,
                    GError    **error)
{
  g_autoptr(AkProvider) provider = ak_test_keystone_provider (user, password, project);

  if (!ak_test_sign_in (provider, error))
    return NULL;

  return g_steal_pointer (&provider);
}

/* A failure as one line for a result row: what the user would read, and
 * the details. */
static char *
describe (const GError *error)
{
  const char *detail = ak_error_get_detail (error);

  return detail != NULL ? g_strdup_printf ("%s (%s)", error->message, detail)
                        : g_strdup (error->message);
}

/* One timed list: the request, the parse and the store the window shows.
 * Returns the seconds it took, or a negative number and @error. */
static double
time_list (AkProvider *provider,
           AkKeyScope  scope,
           guint      *n_keys,
           GError    **error)
{
  g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(GPtrArray) keys = NULL;
  gint64 start = g_get_monotonic_time ();

  keys = ak_test_list_keys (provider, scope, NULL, error);
  if (keys == NULL)
    return -1;

  g_list_store_splice (store, 0, 0, keys->pdata, keys->len);
  *n_keys = g_list_model_get_n_items (G_LIST_MODEL (store));

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Run @i of @name, a timed list of @scope, reported as a row, a failed one
 * too: its time goes to @times, what failed to @last_failure. */
static void
run_once (AkProvider  *provider,
          AkKeyScope   scope,
          const char  *name,
          guint        i,
          GArray      *times,
          char       **last_failure)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_keys = 0;
  double seconds = time_list (provider, scope, &n_keys, &error);

  if (seconds < 0)
    {
      g_free (*last_failure);
      *last_failure = describe (error);
      g_print ("%s run %u: failed after %.3f s: %s\n", name, i + 1,
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, *last_failure);
      return;
    }

  g_array_append_val (times, seconds);
  g_print ("%s run %u: %.3f s, %u keys\n", name, i + 1, seconds, n_keys);
}

/* @runs timed lists of @scope, each reported as a row, a failed one too. */
static void
bench_runs (AkProvider *provider,
            AkKeyScope  scope,
            const char *name,
            guint       runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *last_failure = NULL;

  for (guint i = 0; i < runs; i++)
    run_once (provider, scope, name, i, times, &last_failure);

  print_median (name, times, runs, last_failure);
}

static void
bench_list (guint runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AkProvider) provider = signed_in_provider (ak_test_env ("AK_TEST_MEMBER_USER"),
                                                       ak_test_env ("AK_TEST_MEMBER_PASSWORD"),
                                                       ak_test_env ("AK_TEST_MEMBER_PROJECT"),
                                                       &error);
  g_autofree char *failure = NULL;

  if (provider == NULL)
    {
      failure = describe (error);
      g_print ("median provider failed: signing in (%s)\n", failure);
      return;
    }

  bench_runs (provider, AK_KEY_SCOPE_MINE, "provider", runs);
}

static void
bench_all_users (guint runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AkProvider) provider = signed_in_provider (ak_test_env ("AK_TEST_ADMIN_USER"),
                                                       ak_test_env ("AK_TEST_ADMIN_PASSWORD"),
                                                       ak_test_env ("AK_TEST_ADMIN_PROJECT"),
                                                       &error);
  const struct {
    AkKeystoneAllUsersStrategy strategy;
    const char *name;
  } strategies[] = {
    { AK_KEYSTONE_ALL_USERS_PER_USER, "all-users-per-user" },
    { AK_KEYSTONE_ALL_USERS_CREDENTIALS, "all-users-credentials" },
    { AK_KEYSTONE_ALL_USERS_BOTH, "all-users-both" },
  };
#define N_STRATEGIES G_N_ELEMENTS (strategies)
  GArray *times[N_STRATEGIES];
  char *last_failure[N_STRATEGIES] = { NULL };
  g_autofree char *failure = NULL;

  if (provider == NULL)
    {
      failure = describe (error);
      for (guint s = 0; s < N_STRATEGIES; s++)
        g_print ("median %s failed: signing in (%s)\n", strategies[s].name, failure);
      return;
    }

  /* The server's first answers to a new kind of request are slower. A
   * failure here is one more result, not the end of the benchmark. */
  for (guint s = 0; s < N_STRATEGIES; s++)
    {
      g_autoptr(GError) warm_up_error = NULL;
      guint n_warm_up;

      times[s] = g_array_new (FALSE, FALSE, sizeof (double));
      ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (provider),
                                                   strategies[s].strategy);
      if (time_list (provider, AK_KEY_SCOPE_ALL_USERS, &n_warm_up, &warm_up_error) < 0)
        {
          g_free (failure);
          failure = describe (warm_up_error);
          g_print ("%s warm-up: failed: %s\n", strategies[s].name, failure);
        }
    }

  /* One run of each in turn, starting with another each round, so that
   * whatever else the machine does weighs on all of them alike. */
  for (guint i = 0; i < runs; i++)
    for (guint k = 0; k < N_STRATEGIES; k++)
      {
        guint s = (i + k) % N_STRATEGIES;

        ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (provider),
                                                     strategies[s].strategy);
        run_once (provider, AK_KEY_SCOPE_ALL_USERS, strategies[s].name, i, times[s],
                  &last_failure[s]);
      }

  for (guint s = 0; s < N_STRATEGIES; s++)
    {
      print_median (strategies[s].name, times[s], runs, last_failure[s]);
      g_array_unref (times[s]);
      g_free (last_failure[s]);
    }
#undef N_STRATEGIES
}

static void
bench_parse (const char *path,
             guint       runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  double seconds;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_print ("median parse failed: %s\n", error->message);
      return;
    }
  body = g_bytes_new_take (g_steal_pointer (&contents), length);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
      g_autoptr(GPtrArray) keys = NULL;
      gint64 start = g_get_monotonic_time ();

      keys = ak_keystone_json_parse_ec2_list (body, NULL, &error);
      if (keys == NULL)
        {
          g_print ("median parse failed: %s\n", error->message);
          return;
        }
      g_list_store_splice (store, 0, 0, keys->pdata, keys->len);

      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_array_append_val (times, seconds);
      g_print ("parse run %u: %.4f s, %u keys\n", i + 1, seconds, keys->len);
    }

  seconds = median (times);
  g_print ("parse throughput %.1f MB/s\n", length / seconds / 1e6);
  g_print ("median parse %.4f\n", seconds);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 7;

  /* A benchmark waits as long as the server takes, within reason. */
  ak_test_set_wait_limit (600);

  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    {
      if (argc >= 3)
        runs = atoi (argv[2]);
      bench_list (runs);
    }
  else if (argc >= 2 && strcmp (argv[1], "all-users") == 0)
    {
      if (argc >= 3)
        runs = atoi (argv[2]);
      bench_all_users (runs);
    }
  else if (argc >= 3 && strcmp (argv[1], "parse") == 0)
    {
      if (argc >= 4)
        runs = atoi (argv[3]);
      bench_parse (argv[2], runs);
    }
  else
    {
      g_printerr ("usage: %s list [RUNS] | all-users [RUNS] | parse FILE [RUNS]\n", argv[0]);
      return 2;
    }

  return 0;
}
