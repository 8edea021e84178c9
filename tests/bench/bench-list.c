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
 *   bench-list all-users [RUNS]  every user's keys as the admin, once per
 *                                AkKeystoneAllUsersStrategy, after one run
 *                                not timed
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

static AkProvider *
signed_in_provider (const char *user,
                    const char *password,
                    const char *project)
{
  g_autoptr(AkProvider) provider = ak_test_keystone_provider (user, password, project);
  g_autoptr(GError) error = NULL;

  if (!ak_test_sign_in (provider, &error))
    g_error ("Signing in failed: %s (%s)", error->message, ak_error_get_detail (error));

  return g_steal_pointer (&provider);
}

/* One timed list: the request, the parse and the store the window shows. */
static double
time_list (AkProvider *provider,
           AkKeyScope  scope,
           guint      *n_keys)
{
  g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  keys = ak_test_list_keys (provider, scope, NULL, &error);
  if (keys == NULL)
    g_error ("Listing failed: %s (%s)", error->message, ak_error_get_detail (error));

  g_list_store_splice (store, 0, 0, keys->pdata, keys->len);
  *n_keys = g_list_model_get_n_items (G_LIST_MODEL (store));

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
bench_list (guint runs)
{
  g_autoptr(AkProvider) provider = signed_in_provider (ak_test_env ("AK_TEST_MEMBER_USER"),
                                                       ak_test_env ("AK_TEST_MEMBER_PASSWORD"),
                                                       ak_test_env ("AK_TEST_MEMBER_PROJECT"));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      guint n_keys;
      double seconds = time_list (provider, AK_KEY_SCOPE_MINE, &n_keys);

      g_array_append_val (times, seconds);
      g_print ("provider run %u: %.3f s, %u keys\n", i + 1, seconds, n_keys);
    }

  g_print ("median provider %.3f\n", median (times));
}

static void
bench_all_users (guint runs)
{
  g_autoptr(AkProvider) provider = signed_in_provider (ak_test_env ("AK_TEST_ADMIN_USER"),
                                                       ak_test_env ("AK_TEST_ADMIN_PASSWORD"),
                                                       ak_test_env ("AK_TEST_ADMIN_PROJECT"));
  const struct {
    AkKeystoneAllUsersStrategy strategy;
    const char *name;
  } strategies[] = {
    { AK_KEYSTONE_ALL_USERS_PER_USER, "all-users-per-user" },
    { AK_KEYSTONE_ALL_USERS_CREDENTIALS, "all-users-credentials" },
  };

  for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      guint n_warm_up;

      ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (provider),
                                                   strategies[s].strategy);

      /* The server's first answers to a new kind of request are slower. */
      time_list (provider, AK_KEY_SCOPE_ALL_USERS, &n_warm_up);

      for (guint i = 0; i < runs; i++)
        {
          guint n_keys;
          double seconds = time_list (provider, AK_KEY_SCOPE_ALL_USERS, &n_keys);

          g_array_append_val (times, seconds);
          g_print ("%s run %u: %.3f s, %u keys\n", strategies[s].name, i + 1, seconds, n_keys);
        }

      g_print ("median %s %.3f\n", strategies[s].name, median (times));
    }
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
    g_error ("%s", error->message);
  body = g_bytes_new_take (g_steal_pointer (&contents), length);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
      g_autoptr(GPtrArray) keys = NULL;
      gint64 start = g_get_monotonic_time ();

      keys = ak_keystone_json_parse_ec2_list (body, NULL, &error);
      if (keys == NULL)
        g_error ("%s", error->message);
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
