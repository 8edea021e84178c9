/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-status"

#include "config.h"

#include "ak-key-status.h"

/* Works out the attention flags (ak-key-flags.h) of a set of keys from
 * what the server said of them and the time. Some flags depend on the
 * other keys of the set (an owner with more than two), so the whole set is
 * worked out at once: one pass counts the keys of each owner and keeps the
 * earliest expiries, a second sets each key's flags. A list may hold
 * 50,000 keys, so nothing here costs more than a hash lookup per key.
 *
 * A fact the server did not give (an owner whose account could not be
 * read, role assignments the account may not list) raises no flag: only
 * what is known to be wrong does. */

/* More keys than this for one owner is more than the consoles allow. */
#define MAX_KEYS_PER_OWNER 2

static AkKeyFlags
flags_for_key (AkKey      *key,
               GDateTime  *now,
               GDateTime  *soon_limit,
               guint       n_owner_keys)
{
  AkKeyFlags flags = AK_KEY_FLAGS_NONE;
  GDateTime *expires_at = ak_key_get_expires_at (key);

  if (expires_at != NULL)
    {
      if (g_date_time_compare (expires_at, now) <= 0)
        flags |= AK_KEY_FLAGS_EXPIRED;
      else if (g_date_time_compare (expires_at, soon_limit) <= 0)
        flags |= AK_KEY_FLAGS_EXPIRES_SOON;
    }

  if (n_owner_keys > MAX_KEYS_PER_OWNER)
    flags |= AK_KEY_FLAGS_TOO_MANY;

  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL &&
      ak_key_get_unrestricted (key))
    flags |= AK_KEY_FLAGS_UNRESTRICTED;

  if (ak_key_get_owner_disabled (key))
    flags |= AK_KEY_FLAGS_OWNER_DISABLED;

  /* An application credential carries its own roles, checked when it signs
   * in; only an EC2 key stays behind when its owner loses the project. */
  if (ak_key_get_kind (key) == AK_KEY_KIND_EC2 && ak_key_get_owner_lacks_role (key))
    flags |= AK_KEY_FLAGS_UNUSABLE;

  return flags;
}

/**
 * ak_key_status_update:
 * @keys: (element-type AkKey): every key of one list
 * @now: the time to judge expiries by
 * @expires_soon_days: a key expiring within this many days from @now (that
 *   day included) "expires soon"
 * @next_change: (out) (optional) (nullable) (transfer full): where to put
 *   the next time a key's flags change with the time alone (a key expires
 *   or starts to expire soon), or %NULL when none will
 *
 * Sets the flags of every key of @keys.
 */
void
ak_key_status_update (GPtrArray   *keys,
                      GDateTime   *now,
                      guint        expires_soon_days,
                      GDateTime  **next_change)
{
  g_autoptr(GHashTable) owners = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autofree guint *owner_of = NULL;
  g_autoptr(GDateTime) soon_limit = NULL;
  /* Not owned: the earliest expiry within the limit, and after it. */
  GDateTime *first_soon = NULL;
  GDateTime *first_later = NULL;

  g_return_if_fail (keys != NULL);
  g_return_if_fail (now != NULL);
  g_return_if_fail (next_change == NULL || *next_change == NULL);

  soon_limit = g_date_time_add_days (now, (int) expires_soon_days);
  /* Each owner is looked up once per key: owner_of[i] is the place of key
   * i's owner in counts, 0 for no owner. */
  owners = g_hash_table_new (g_str_hash, g_str_equal);
  counts = g_array_sized_new (FALSE, TRUE, sizeof (guint), 16);
  g_array_set_size (counts, 1);
  owner_of = g_new0 (guint, keys->len);

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      const char *user_id = ak_key_get_user_id (key);
      GDateTime *expires_at = ak_key_get_expires_at (key);

      if (user_id != NULL)
        {
          gpointer place;

          /* The key owns its user_id and outlives the table. */
          if (!g_hash_table_lookup_extended (owners, user_id, NULL, &place))
            {
              place = GUINT_TO_POINTER (counts->len);
              g_hash_table_insert (owners, (gpointer) user_id, place);
              g_array_set_size (counts, counts->len + 1);
            }
          owner_of[i] = GPOINTER_TO_UINT (place);
          g_array_index (counts, guint, owner_of[i])++;
        }

      if (expires_at == NULL || g_date_time_compare (expires_at, now) <= 0)
        continue;

      if (g_date_time_compare (expires_at, soon_limit) <= 0)
        {
          if (first_soon == NULL || g_date_time_compare (expires_at, first_soon) < 0)
            first_soon = expires_at;
        }
      else if (first_later == NULL || g_date_time_compare (expires_at, first_later) < 0)
        {
          first_later = expires_at;
        }
    }

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);

      guint n_owner_keys = owner_of[i] != 0 ? g_array_index (counts, guint, owner_of[i]) : 0;

      ak_key_set_flags (key, flags_for_key (key, now, soon_limit, n_owner_keys));
    }

  if (next_change != NULL)
    {
      g_autoptr(GDateTime) starts_soon = NULL;

      if (first_later != NULL)
        starts_soon = g_date_time_add_days (first_later, - (int) expires_soon_days);

      if (first_soon != NULL &&
          (starts_soon == NULL || g_date_time_compare (first_soon, starts_soon) < 0))
        *next_change = g_date_time_ref (first_soon);
      else if (starts_soon != NULL)
        *next_change = g_steal_pointer (&starts_soon);
    }
}

/**
 * ak_key_status_update_model:
 * @keys: a #GListModel of #AkKey
 * @now: the time to judge expiries by
 * @expires_soon_days: as for ak_key_status_update()
 * @next_change: (out) (optional) (nullable) (transfer full): as for
 *   ak_key_status_update()
 *
 * Sets the flags of every key of @keys.
 */
void
ak_key_status_update_model (GListModel  *keys,
                            GDateTime   *now,
                            guint        expires_soon_days,
                            GDateTime  **next_change)
{
  g_autoptr(GPtrArray) array = NULL;
  guint n;

  g_return_if_fail (G_IS_LIST_MODEL (keys));
  g_return_if_fail (g_list_model_get_item_type (keys) == AK_TYPE_KEY);

  n = g_list_model_get_n_items (keys);
  array = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (keys, i));

  ak_key_status_update (array, now, expires_soon_days, next_change);
}
