/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-key-status"

#include "config.h"

#include <gio/gio.h>

#include "ak-key-status.h"

/* The attention flags worked out from synthetic keys, at a fixed time. */

static GDateTime *
fixed_now (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new (utc, 2027, 3, 2, 12, 0, 0);
}

static AkKey *
make_key (GPtrArray  *keys,
          AkKeyKind   kind,
          const char *id,
          const char *user_id,
          GDateTime  *expires_at)
{
  AkKey *key = ak_key_new (kind, id);

  ak_key_set_user_id (key, user_id);
  ak_key_set_project_id (key, "project-1");
  ak_key_set_expires_at (key, expires_at);
  g_ptr_array_add (keys, key);

  return key;
}

static void
test_healthy (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 31);
  g_autoptr(GDateTime) next_change = NULL;
  AkKey *ec2 = make_key (keys, AK_KEY_KIND_EC2, "ec2", "alice", NULL);
  AkKey *app_cred = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "ac", "alice", later);

  ak_key_set_flags (ec2, AK_KEY_FLAGS_ALL);
  ak_key_status_update (keys, now, 30, &next_change);

  g_assert_cmpuint (ak_key_get_flags (ec2), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (app_cred), ==, AK_KEY_FLAGS_NONE);

  /* The application credential starts to expire soon in one day. */
  g_assert_nonnull (next_change);
  g_assert_cmpint (g_date_time_difference (next_change, now), ==, G_TIME_SPAN_DAY);
}

static void
test_expiry (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) past = g_date_time_add_seconds (now, -1);
  g_autoptr(GDateTime) boundary = g_date_time_add_days (now, 30);
  g_autoptr(GDateTime) past_boundary = g_date_time_add_seconds (boundary, 1);
  g_autoptr(GDateTime) in_20_days = g_date_time_add_days (now, 20);
  g_autoptr(GDateTime) next_change = NULL;
  AkKey *at_now, *expired, *at_boundary, *after_boundary, *soon;

  at_now = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "at-now", "u1", now);
  expired = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "expired", "u2", past);
  at_boundary = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "boundary", "u3", boundary);
  after_boundary = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "after", "u4",
                             past_boundary);
  soon = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "soon", "u5", in_20_days);

  ak_key_status_update (keys, now, 30, &next_change);

  /* Expiring at this very second is expired: it can no longer be used. */
  g_assert_cmpuint (ak_key_get_flags (at_now), ==, AK_KEY_FLAGS_EXPIRED);
  g_assert_cmpuint (ak_key_get_flags (expired), ==, AK_KEY_FLAGS_EXPIRED);
  /* Exactly 30 days away is "within 30 days"; a second more is not. */
  g_assert_cmpuint (ak_key_get_flags (at_boundary), ==, AK_KEY_FLAGS_EXPIRES_SOON);
  g_assert_cmpuint (ak_key_get_flags (after_boundary), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (soon), ==, AK_KEY_FLAGS_EXPIRES_SOON);

  /* Next, the key one second past the boundary comes within 30 days. */
  g_assert_nonnull (next_change);
  g_assert_cmpint (g_date_time_difference (next_change, now), ==, G_TIME_SPAN_SECOND);

  /* Fewer days: 20 days away is no longer soon. */
  ak_key_status_update (keys, now, 10, NULL);
  g_assert_cmpuint (ak_key_get_flags (soon), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (at_boundary), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (expired), ==, AK_KEY_FLAGS_EXPIRED);

  /* A day later than the boundary, that key has expired. */
  {
    g_autoptr(GDateTime) much_later = g_date_time_add_days (now, 31);

    ak_key_status_update (keys, much_later, 30, NULL);
    g_assert_cmpuint (ak_key_get_flags (at_boundary), ==, AK_KEY_FLAGS_EXPIRED);
  }
}

static void
test_too_many (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = fixed_now ();
  AkKey *a1, *a2, *a3, *b1, *b2, *nobody1, *nobody2, *nobody3;

  a1 = make_key (keys, AK_KEY_KIND_EC2, "a1", "alice", NULL);
  b1 = make_key (keys, AK_KEY_KIND_EC2, "b1", "bob", NULL);
  a2 = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "a2", "alice", NULL);
  b2 = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "b2", "bob", NULL);
  a3 = make_key (keys, AK_KEY_KIND_EC2, "a3", "alice", NULL);
  /* Keys whose owner is not known are nobody's in particular. */
  nobody1 = make_key (keys, AK_KEY_KIND_EC2, "n1", NULL, NULL);
  nobody2 = make_key (keys, AK_KEY_KIND_EC2, "n2", NULL, NULL);
  nobody3 = make_key (keys, AK_KEY_KIND_EC2, "n3", NULL, NULL);

  ak_key_status_update (keys, now, 30, NULL);

  g_assert_cmpuint (ak_key_get_flags (a1), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (a2), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (a3), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (b1), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (b2), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (nobody1), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (nobody2), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (nobody3), ==, AK_KEY_FLAGS_NONE);

  /* With one of Alice's keys gone, she has two: none is flagged. */
  g_ptr_array_remove (keys, a3);
  ak_key_status_update (keys, now, 30, NULL);
  g_assert_cmpuint (ak_key_get_flags (a1), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (a2), ==, AK_KEY_FLAGS_NONE);
}

static void
test_owner_facts (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = fixed_now ();
  AkKey *disabled, *stale_ec2, *app_cred_no_role, *unknown, *unrestricted, *restricted;

  disabled = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "disabled", "u1", NULL);
  ak_key_set_owner_disabled (disabled, TRUE);
  stale_ec2 = make_key (keys, AK_KEY_KIND_EC2, "stale", "u2", NULL);
  ak_key_set_owner_lacks_role (stale_ec2, TRUE);
  /* An application credential stops signing in with its owner's roles:
   * Keystone refuses it by itself, and the flag is for EC2 keys. */
  app_cred_no_role = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "ac", "u3", NULL);
  ak_key_set_owner_lacks_role (app_cred_no_role, TRUE);
  unrestricted = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "unrestricted", "u5", NULL);
  ak_key_set_unrestricted (unrestricted, TRUE);
  restricted = make_key (keys, AK_KEY_KIND_APPLICATION_CREDENTIAL, "restricted", "u6", NULL);
  ak_key_set_unrestricted (restricted, FALSE);
  /* Nothing known of the owner: no flag. */
  unknown = make_key (keys, AK_KEY_KIND_EC2, "unknown", "u4", NULL);

  ak_key_status_update (keys, now, 30, NULL);

  g_assert_cmpuint (ak_key_get_flags (disabled), ==, AK_KEY_FLAGS_OWNER_DISABLED);
  g_assert_cmpuint (ak_key_get_flags (stale_ec2), ==, AK_KEY_FLAGS_UNUSABLE);
  g_assert_cmpuint (ak_key_get_flags (app_cred_no_role), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (unknown), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (unrestricted), ==, AK_KEY_FLAGS_UNRESTRICTED);
  g_assert_cmpuint (ak_key_get_flags (restricted), ==, AK_KEY_FLAGS_NONE);

  /* Once the owner is known to be back, the flag goes. */
  ak_key_set_owner_lacks_role (stale_ec2, FALSE);
  ak_key_status_update (keys, now, 30, NULL);
  g_assert_cmpuint (ak_key_get_flags (stale_ec2), ==, AK_KEY_FLAGS_NONE);
}

static void
test_several_flags (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -3);
  AkKey *key;

  key = make_key (keys, AK_KEY_KIND_EC2, "k1", "alice", past);
  ak_key_set_owner_disabled (key, TRUE);
  ak_key_set_owner_lacks_role (key, TRUE);
  make_key (keys, AK_KEY_KIND_EC2, "k2", "alice", NULL);
  make_key (keys, AK_KEY_KIND_EC2, "k3", "alice", NULL);

  ak_key_status_update (keys, now, 30, NULL);

  g_assert_cmpuint (ak_key_get_flags (key), ==,
                    AK_KEY_FLAGS_EXPIRED | AK_KEY_FLAGS_OWNER_DISABLED |
                    AK_KEY_FLAGS_UNUSABLE | AK_KEY_FLAGS_TOO_MANY);
}

static void
test_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 2);
  g_autoptr(GDateTime) next_change = NULL;
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "k");

  ak_key_set_expires_at (key, soon);
  g_list_store_append (store, key);

  ak_key_status_update_model (G_LIST_MODEL (store), now, 30, &next_change);

  g_assert_cmpuint (ak_key_get_flags (key), ==, AK_KEY_FLAGS_EXPIRES_SOON);
  /* Next, it expires. */
  g_assert_nonnull (next_change);
  g_assert_true (g_date_time_equal (next_change, soon));
}

/* 50,000 keys are flagged in one pass; the time limit only catches a pass
 * that is quadratic in the number of keys (minutes, not milliseconds). */
static void
test_many_keys (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *id = g_strdup_printf ("key-%u", i);
      g_autofree char *user_id = g_strdup_printf ("user-%u", i / 3);
      g_autoptr(GDateTime) expires_at = g_date_time_add_hours (now, (int) i - 1000);

      make_key (keys, AK_KEY_KIND_EC2, id, user_id, expires_at);
    }

  g_timer_start (timer);
  ak_key_status_update (keys, now, 30, NULL);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);

  /* Users own three keys each, but for the last one (50,000 = 3 × 16,666 + 2). */
  g_assert_cmpuint (ak_key_get_flags (g_ptr_array_index (keys, 0)), ==,
                    AK_KEY_FLAGS_EXPIRED | AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (g_ptr_array_index (keys, 1001)), ==,
                    AK_KEY_FLAGS_EXPIRES_SOON | AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (g_ptr_array_index (keys, 49999)), ==, AK_KEY_FLAGS_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/key-status/healthy", test_healthy);
  g_test_add_func ("/key-status/expiry", test_expiry);
  g_test_add_func ("/key-status/too-many", test_too_many);
  g_test_add_func ("/key-status/owner-facts", test_owner_facts);
  g_test_add_func ("/key-status/several-flags", test_several_flags);
  g_test_add_func ("/key-status/model", test_model);
  g_test_add_func ("/key-status/many-keys", test_many_keys);

  return g_test_run ();
}
