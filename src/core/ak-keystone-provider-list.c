/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-error.h"
#include "ak-keystone-provider-private.h"

/* Listing keys: a queue of GET requests, a few at a time, whose answers are
 * parsed (large ones in a worker thread) and gathered; the names of owners
 * and projects are filled in once known. The first failure stops the rest.
 * An entry of a list that cannot be read safely is no failure: it is
 * gathered apart as an AkUnreadableEntry, with the user whose list held it,
 * so the valid keys still show and the window can say that some could not.
 *
 * For every user's keys, the answer to /v3/users queues each user's
 * requests (see AkKeystoneAllUsersStrategy in ak-keystone-provider.c), and
 * an organisation can have thousands of users, so:
 * - the keys go to the caller's progress function as they arrive, with how
 *   many users have been read;
 * - one user's list that fails is asked again once, after a pause, and then
 *   left out: the list goes on and names that user at the end;
 * - how many requests are in flight adapts to the server (additive increase,
 *   multiplicative decrease on latency): it halves when an answer takes
 *   much longer than the fastest one seen, or does not come, and grows back
 *   by about one request per round of answers.
 *
 * The EC2 keys of every user come from whichever way answers first
 * with AK_KEYSTONE_ALL_USERS_BOTH (the default): one GET /v3/credentials?type=ec2
 * is sent with the list of users, and each user's own list of EC2 keys is
 * queued behind the users' application credentials (which have no such
 * call). When the one call answers first, the users' own lists not yet
 * answered are not sent; when they all answer first, the one call is called
 * off. A user's own list that fails for good waits for the one call, which
 * may still have that user's keys; the one call failing (refused, too slow)
 * only leaves the users' own lists to tell. The one call costs the server
 * about a millisecond and a half a key, one user's list about 60 ms
 * (tests/keystone/test-keystone-organisation.c): many users with few keys
 * each are listed faster by the one call, few users with many keys by their
 * own lists, and nobody need know which beforehand.
 *
 * The lists of users and of projects come in pages on Keystone 27, which
 * cuts them at 1,000 entries unsaid unless asked with a "limit": they are
 * asked so, and each page's links.next is followed to the end before the
 * users' keys are asked (so that "of N users" is the whole count). A list of
 * users the server cuts short with no way on fails the list: the keys of
 * only some users would pass for everyone's. Projects left out of theirs
 * show by their IDs.
 *
 * Two facts about owners are gathered on the way, for the attention flags
 * (ak-key-status.c): whose account is disabled (the list of users says so
 * at no extra cost), and who still has a role on the project of each EC2
 * key. For the latter the cheapest call the account may make is one
 * request, whatever the number of keys: for the signed-in user's own keys
 * `GET /v3/users/{id}/projects` (allowed to a user on themself); for every
 * user's keys, as an administrator, `GET /v3/role_assignments?effective`
 * (a group's roles expanded to its members, inherited ones to the projects).
 * Asking each user's projects instead is one more request per user.
 * Measured on the test Keystone with 202 users holding one role each: one
 * role_assignments answer of 166 KB in 0.19 s, against 202 project lists
 * taking 31 s one after another (about 0.15 s each, so several seconds
 * even at AK_KEYSTONE_MAX_IN_FLIGHT at once). Either lookup may be refused
 * or fail: then the fact is not known and no key is flagged for it. Keys are
 * reported once the facts are answered, so that a key never shows unflagged
 * first and flagged later. */

#define PARSE_IN_THREAD_SIZE ((gsize) 256 * 1024)

/* Entries asked for a page of users or projects: Keystone's largest page
 * by default (max_db_limit), which it gives anyway (see AkKeystonePage). */
#define LIST_PAGE_SIZE 1000

/* Requests in flight at the start of a list; it grows up to
 * AK_KEYSTONE_MAX_IN_FLIGHT. */
#define LIST_START_WIDTH 4
/* The pause before a user's list is asked again. */
#define RETRY_DELAY_MS 400
/* An answer is slow when it takes this many times the fastest one seen,
 * plus SLOW_MARGIN_US (so that the jitter of fast answers is no signal). */
#define SLOW_FACTOR 4
#define SLOW_MARGIN_US (G_TIME_SPAN_MILLISECOND * 100)

typedef enum
{
  FETCH_EC2,
  FETCH_APPLICATION_CREDENTIALS,
  FETCH_CREDENTIALS,
  FETCH_USERS,
  FETCH_PROJECTS,
  /* Facts for the flags, not needed for the list itself. */
  FETCH_ROLE_ASSIGNMENTS,
  FETCH_USER_PROJECTS,
} FetchKind;

/* Where the one call for every EC2 key stands, in a race (see the top). */
typedef enum
{
  ONE_CALL_NONE,
  ONE_CALL_PENDING,
  /* Its keys are in: no user's own list is needed any more. */
  ONE_CALL_DONE,
  /* It failed or was called off: the users' own lists tell. */
  ONE_CALL_DROPPED,
} OneCall;

typedef struct
{
  FetchKind  kind;
  char      *path;
  /* Whose keys the answer lists, for one user's list. */
  char      *user_id;
  /* Times it was sent before; when it was sent last. */
  guint      attempts;
  gint64     sent_at;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->path);
  g_free (fetch->user_id);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

typedef struct
{
  AkKeyScope    scope;

  /* Stops every request of this list, on the caller's word or at the first
   * failure. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;

  GQueue        pending;
  guint         in_flight;
  guint         parsing;
  /* Requests waiting out the pause before they are sent again. */
  guint         retrying;

  /* How many requests may be in flight now (see the top of the file). */
  double        width;
  gint64        fastest;
  gint64        narrowed_at;

  /* The keys not yet given to the progress function, if any. */
  GPtrArray    *keys;
  GPtrArray    *unreadable;
  GHashTable   *user_names;
  GHashTable   *project_names;
  /* IDs of users whose account is disabled, when the users were listed. */
  GHashTable   *disabled_users;
  /* ak_keystone_role_key()s of who has a role where, when known. */
  GHashTable   *roles;
  /* Requests for facts not answered yet: no key is reported meanwhile. */
  guint         facts_pending;
  GError       *error;

  AkListProgressFunc  progress;
  gpointer            progress_data;
  /* Both lists of names have been answered: keys can be reported. */
  guint         users_known : 1;
  guint         projects_known : 1;
  /* User ID to the number of its requests still to be answered. */
  GHashTable   *users_remaining;
  guint         users_total;
  guint         users_done;
  guint         users_reported;
  /* IDs of the users whose keys could not be read (a set). */
  GHashTable   *failed_users;

  /* AK_KEYSTONE_ALL_USERS_BOTH: the one call for every EC2 key races each
   * user's own list (see the top of the file). */
  gboolean      race;
  OneCall       one_call;
  /* Calls off the one call alone; cancelled with the list too. */
  GCancellable *one_call_cancellable;
  gulong        one_call_cancelled_id;
  /* IDs (sets) of the users whose own list of EC2 keys was queued, of those
   * whose EC2 keys are not known yet, and of those among the latter whose
   * list failed for good and who wait for the one call. */
  GHashTable   *ec2_asked;
  GHashTable   *ec2_unsettled;
  GHashTable   *ec2_failed;
} ListData;

static void
list_data_free (ListData *data)
{
  if (data->caller_cancelled_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_cancelled_id);
  if (data->one_call_cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->one_call_cancelled_id);

  g_queue_clear_full (&data->pending, (GDestroyNotify) fetch_free);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->keys, g_ptr_array_unref);
  g_clear_pointer (&data->unreadable, g_ptr_array_unref);
  g_clear_pointer (&data->user_names, g_hash_table_unref);
  g_clear_pointer (&data->project_names, g_hash_table_unref);
  g_clear_pointer (&data->disabled_users, g_hash_table_unref);
  g_clear_pointer (&data->roles, g_hash_table_unref);
  g_clear_pointer (&data->users_remaining, g_hash_table_unref);
  g_clear_pointer (&data->failed_users, g_hash_table_unref);
  g_clear_object (&data->one_call_cancellable);
  g_clear_pointer (&data->ec2_asked, g_hash_table_unref);
  g_clear_pointer (&data->ec2_unsettled, g_hash_table_unref);
  g_clear_pointer (&data->ec2_failed, g_hash_table_unref);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  GTask *task;
  Fetch *fetch;
} FetchCall;

/* Whether @fetch asks a fact for the flags rather than keys or names. */
static gboolean
fetch_is_fact (Fetch *fetch)
{
  return fetch->kind == FETCH_ROLE_ASSIGNMENTS || fetch->kind == FETCH_USER_PROJECTS;
}

static Fetch *
list_enqueue (ListData   *data,
              FetchKind   kind,
              char       *path)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->kind = kind;
  fetch->path = path;
  g_queue_push_tail (&data->pending, fetch);
  if (fetch_is_fact (fetch))
    data->facts_pending++;

  return fetch;
}

/* The path of the page of @collection ("/users", "/projects") that begins
 * after @marker, or of its first page. */
static char *
page_path (const char *collection,
           const char *marker)
{
  g_autofree char *escaped = NULL;

  if (marker == NULL)
    return g_strdup_printf ("%s?limit=%u", collection, LIST_PAGE_SIZE);

  escaped = g_uri_escape_string (marker, NULL, FALSE);

  return g_strdup_printf ("%s?limit=%u&marker=%s", collection, LIST_PAGE_SIZE, escaped);
}

/* Moves the entries of *@from into *@into (both made by the same parser). */
static void
merge_into (GHashTable **into,
            GHashTable **from)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (*from == NULL)
    return;

  if (*into == NULL)
    {
      *into = g_steal_pointer (from);
      return;
    }

  g_hash_table_iter_init (&iter, *from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (*into, key, value);
    }
  g_clear_pointer (from, g_hash_table_unref);
}

/* After a page of @collection that brought @added new entries: queues the
 * next page, first, and returns %TRUE; %FALSE on the last page. A page that
 * brought nothing new ends the list as cut short (@page->truncated): a
 * server that does not move on would be asked forever. */
static gboolean
list_next_page (ListData       *data,
                FetchKind       kind,
                const char     *collection,
                AkKeystonePage *page,
                guint           added)
{
  Fetch *fetch;

  if (page->next_marker == NULL)
    return FALSE;

  if (added == 0)
    {
      page->truncated = TRUE;
      return FALSE;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->kind = kind;
  fetch->path = page_path (collection, page->next_marker);
  g_queue_push_head (&data->pending, fetch);

  return TRUE;
}

/* Queues @user_id's application credentials, and with @ec2 their EC2 keys. */
static void
list_enqueue_user (ListData   *data,
                   const char *user_id,
                   gboolean    ec2)
{
  Fetch *fetch;

  g_hash_table_insert (data->users_remaining, g_strdup (user_id), GUINT_TO_POINTER (ec2 ? 2 : 1));

  if (ec2)
    {
      fetch = list_enqueue (data, FETCH_EC2,
                            _ak_keystone_user_path (user_id, AK_KEYSTONE_EC2_COLLECTION, NULL));
      fetch->user_id = g_strdup (user_id);
    }

  fetch = list_enqueue (data, FETCH_APPLICATION_CREDENTIALS,
                        _ak_keystone_user_path (user_id, AK_KEYSTONE_APP_CRED_COLLECTION, NULL));
  fetch->user_id = g_strdup (user_id);
}

static void
list_fail (ListData *data,
           GError   *error)
{
  if (data->error == NULL)
    {
      data->error = error;
      g_cancellable_cancel (data->cancellable);
    }
  else
    {
      g_error_free (error);
    }
}

/* Returns: (nullable): the name of @user_id, as far as the list knows it */
static const char *
list_lookup_user_name (AkKeystoneProvider *self,
                       ListData           *data,
                       const char         *user_id)
{
  AkKeystoneToken *info = self->token_info;
  const char *name = NULL;

  if (user_id != NULL && data->user_names != NULL)
    name = g_hash_table_lookup (data->user_names, user_id);
  if (name == NULL && info != NULL && g_strcmp0 (user_id, info->user_id) == 0)
    name = info->user_name;

  return name;
}

static void
list_fill_names (AkKeystoneProvider *self,
                 ListData           *data,
                 GPtrArray          *keys)
{
  AkKeystoneToken *info = self->token_info;

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      const char *user_id = ak_key_get_user_id (key);
      const char *project_id = ak_key_get_project_id (key);
      const char *name = list_lookup_user_name (self, data, user_id);

      if (name != NULL)
        ak_key_set_user_name (key, name);

      name = NULL;
      if (project_id != NULL && data->project_names != NULL)
        name = g_hash_table_lookup (data->project_names, project_id);
      if (name == NULL && info != NULL && g_strcmp0 (project_id, info->project_id) == 0)
        name = info->project_name;
      if (name != NULL)
        ak_key_set_project_name (key, name);
    }
}

/* What the server said of each key's owner (see the top of this file). */
static void
list_fill_facts (ListData  *data,
                 GPtrArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      const char *user_id = ak_key_get_user_id (key);
      const char *project_id = ak_key_get_project_id (key);

      if (user_id == NULL)
        continue;

      if (data->disabled_users != NULL)
        ak_key_set_owner_disabled (key, g_hash_table_contains (data->disabled_users, user_id));

      if (data->roles != NULL && project_id != NULL && ak_key_get_kind (key) == AK_KEY_KIND_EC2)
        {
          g_autofree char *role_key = ak_keystone_role_key (user_id, project_id);

          ak_key_set_owner_lacks_role (key, !g_hash_table_contains (data->roles, role_key));
        }
    }
}

static void
list_fill_unreadable_names (AkKeystoneProvider *self,
                            ListData           *data)
{
  for (guint i = 0; i < data->unreadable->len; i++)
    {
      AkUnreadableEntry *entry = g_ptr_array_index (data->unreadable, i);
      const char *user_id = ak_unreadable_entry_get_user_id (entry);

      ak_unreadable_entry_set_user_name (entry, list_lookup_user_name (self, data, user_id));
    }
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_utf8_collate (*(char * const *) a, *(char * const *) b);
}

/* Returns: (transfer full) (nullable): the names (or IDs) of the users whose
 * keys could not be read, sorted */
static GStrv
list_failed_user_names (AkKeystoneProvider *self,
                        ListData           *data)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) names = NULL;
  GHashTableIter iter;
  const char *user_id;

  if (g_hash_table_size (data->failed_users) == 0)
    return NULL;

  builder = g_strv_builder_new ();
  g_hash_table_iter_init (&iter, data->failed_users);
  while (g_hash_table_iter_next (&iter, (gpointer *) &user_id, NULL))
    {
      const char *name = list_lookup_user_name (self, data, user_id);

      g_strv_builder_add (builder, name != NULL ? name : user_id);
    }

  names = g_strv_builder_end (builder);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  return g_steal_pointer (&names);
}

/* One of @user_id's requests has its final answer (keys or a failure). */
static void
list_user_answered (ListData   *data,
                    const char *user_id)
{
  gpointer value;

  if (user_id == NULL || !g_hash_table_lookup_extended (data->users_remaining, user_id,
                                                        NULL, &value))
    return;

  if (GPOINTER_TO_UINT (value) > 1)
    {
      g_hash_table_insert (data->users_remaining, g_strdup (user_id),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (value) - 1));
      return;
    }

  g_hash_table_remove (data->users_remaining, user_id);
  data->users_done++;
}

/* The race for the EC2 keys (see the top of the file). */

/* Queues @user_id's own list of EC2 keys, behind everything queued. */
static void
race_enqueue_user (ListData   *data,
                   const char *user_id)
{
  gpointer remaining = g_hash_table_lookup (data->users_remaining, user_id);
  Fetch *fetch;

  g_hash_table_insert (data->users_remaining, g_strdup (user_id),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (remaining) + 1));
  g_hash_table_add (data->ec2_asked, g_strdup (user_id));
  g_hash_table_add (data->ec2_unsettled, g_strdup (user_id));

  fetch = list_enqueue (data, FETCH_EC2,
                        _ak_keystone_user_path (user_id, AK_KEYSTONE_EC2_COLLECTION, NULL));
  fetch->user_id = g_strdup (user_id);
}

/* Whether an answer of @kind for @user_id comes too late: @user_id's EC2
 * keys are known already, from the one call or an earlier answer. */
static gboolean
race_settled (ListData   *data,
              FetchKind   kind,
              const char *user_id)
{
  return data->race && kind == FETCH_EC2 &&
         !g_hash_table_contains (data->ec2_unsettled, user_id);
}

/* @user_id's EC2 keys are known (or known to be unreadable). */
static void
race_settle (ListData   *data,
             const char *user_id)
{
  if (!g_hash_table_remove (data->ec2_unsettled, user_id))
    return;

  g_hash_table_remove (data->ec2_failed, user_id);
  list_user_answered (data, user_id);
}

/* Settles every user of @users (a set), whose keys cannot be read when
 * @failed. */
static void
race_settle_all (ListData   *data,
                 GHashTable *users,
                 gboolean    failed)
{
  g_autofree gpointer *user_ids = NULL;
  guint n;

  user_ids = g_hash_table_get_keys_as_array (users, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *user_id = g_strdup (user_ids[i]);

      if (failed)
        g_hash_table_add (data->failed_users, g_strdup (user_id));
      race_settle (data, user_id);
    }
}

/* @user_id's own list of EC2 keys failed for good: the one call, while it
 * may still answer, may have the keys. */
static void
race_user_failed (ListData   *data,
                  const char *user_id)
{
  if (data->one_call == ONE_CALL_PENDING)
    {
      g_hash_table_add (data->ec2_failed, g_strdup (user_id));
      return;
    }

  g_hash_table_add (data->failed_users, g_strdup (user_id));
  race_settle (data, user_id);
}

/* The one call failed, or is no longer needed: the users' own lists tell,
 * and those that failed are named. */
static void
race_drop_one_call (ListData *data)
{
  if (data->one_call != ONE_CALL_PENDING)
    return;

  data->one_call = ONE_CALL_DROPPED;
  g_cancellable_cancel (data->one_call_cancellable);
  race_settle_all (data, data->ec2_failed, TRUE);
}

/* The one call's answer, every EC2 key: those of users whose own list
 * answered first are in already. */
static void
race_take_one_call (ListData  *data,
                    GPtrArray *keys)
{
  if (data->one_call != ONE_CALL_PENDING)
    return;

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      const char *user_id = ak_key_get_user_id (key);

      if (user_id == NULL || !g_hash_table_contains (data->ec2_asked, user_id) ||
          g_hash_table_contains (data->ec2_unsettled, user_id))
        g_ptr_array_add (data->keys, g_object_ref (key));
    }

  data->one_call = ONE_CALL_DONE;
  race_settle_all (data, data->ec2_unsettled, FALSE);
}

/* Gives the keys gathered so far to the progress function, once the names of
 * owners and projects are known to fill in. */
static void
list_report (AkKeystoneProvider *self,
             ListData           *data)
{
  g_autoptr(GPtrArray) keys = NULL;

  if (data->progress == NULL || data->error != NULL ||
      !data->users_known || !data->projects_known || data->facts_pending > 0)
    return;

  if (data->keys->len == 0 && data->users_done == data->users_reported)
    return;

  keys = g_steal_pointer (&data->keys);
  data->keys = g_ptr_array_new_with_free_func (g_object_unref);
  list_fill_names (self, data, keys);
  list_fill_facts (data, keys);
  data->users_reported = data->users_done;
  data->progress (AK_PROVIDER (self), keys, data->users_done, data->users_total,
                  data->progress_data);
}

/* Adapts how many requests may be in flight to how long @fetch's answer
 * took; @failed when none came. */
static void
list_adapt (ListData *data,
            Fetch    *fetch,
            gboolean  failed)
{
  gint64 now = g_get_monotonic_time ();
  gint64 took = now - fetch->sent_at;
  gboolean slow;

  if (!failed && (data->fastest == 0 || took < data->fastest))
    data->fastest = took;

  slow = failed || took > SLOW_FACTOR * data->fastest + SLOW_MARGIN_US;

  if (slow)
    {
      /* Once per round: the answers to requests sent before the last
       * narrowing were slowed by the same cause. */
      if (fetch->sent_at >= data->narrowed_at)
        {
          data->width = MAX (1.0, data->width / 2);
          data->narrowed_at = now;
          g_debug ("An answer took %" G_GINT64_FORMAT " ms (the fastest %" G_GINT64_FORMAT
                   " ms): %u requests at a time", took / 1000, data->fastest / 1000,
                   (guint) data->width);
        }
    }
  else
    {
      data->width = MIN ((double) AK_KEYSTONE_MAX_IN_FLIGHT, data->width + 1.0 / data->width);
    }
}

static void list_fetch_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
list_pump (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  list_report (self, data);

  /* Every user's own list answered before the one call. */
  if (data->race && data->users_known && g_hash_table_size (data->ec2_unsettled) == 0 &&
      data->one_call == ONE_CALL_PENDING)
    {
      g_debug ("Every user's EC2 keys came from their own lists: the one call is called off");
      race_drop_one_call (data);
    }

  while (data->error == NULL &&
         data->in_flight < (guint) data->width &&
         !g_queue_is_empty (&data->pending))
    {
      Fetch *fetch = g_queue_pop_head (&data->pending);
      FetchCall *fetch_call;
      GCancellable *cancellable = data->cancellable;
      AkKeystoneCallFlags flags = AK_KEYSTONE_CALL_AUTHENTICATED;

      /* The one call answered first. */
      if (race_settled (data, fetch->kind, fetch->user_id))
        {
          fetch_free (fetch);
          continue;
        }

      if (data->race && fetch->kind == FETCH_CREDENTIALS)
        cancellable = data->one_call_cancellable;
      /* Keystone reads every key before it sends a byte of the one call. */
      if (fetch->kind == FETCH_CREDENTIALS)
        flags |= AK_KEYSTONE_CALL_PATIENT;

      fetch_call = g_new0 (FetchCall, 1);
      fetch_call->task = g_object_ref (task);
      fetch_call->fetch = fetch;
      fetch->sent_at = g_get_monotonic_time ();
      data->in_flight++;
      self->list_narrowest = MIN (self->list_narrowest, (guint) data->width);

      _ak_keystone_call_async (self, "GET", fetch->path, NULL, flags, cancellable,
                               list_fetch_cb, fetch_call);
    }

  if (data->in_flight > 0 || data->parsing > 0 || data->retrying > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  list_fill_names (self, data, data->keys);
  list_fill_facts (data, data->keys);
  list_fill_unreadable_names (self, data);

  ak_provider_task_return_list_full (task, g_steal_pointer (&data->keys),
                                     g_steal_pointer (&data->unreadable),
                                     list_failed_user_names (self, data));
}

/* What one answer of a list holds, parsed. Parsing is pure, so a large body
 * is parsed in a worker thread and the main loop stays free meanwhile. */
typedef struct
{
  FetchKind   kind;
  char       *user_id;
  GBytes     *body;
  GPtrArray  *keys;
  GPtrArray  *unreadable;
  GHashTable *names;
  GHashTable *disabled;
  GHashTable *roles;
  /* Where a list of users or projects goes on. */
  AkKeystonePage page;
  GError     *error;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->user_id, g_free);
  g_clear_pointer (&parsed->body, g_bytes_unref);
  g_clear_pointer (&parsed->keys, g_ptr_array_unref);
  g_clear_pointer (&parsed->unreadable, g_ptr_array_unref);
  g_clear_pointer (&parsed->names, g_hash_table_unref);
  g_clear_pointer (&parsed->disabled, g_hash_table_unref);
  g_clear_pointer (&parsed->roles, g_hash_table_unref);
  ak_keystone_page_clear (&parsed->page);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

static void
parse (Parsed *parsed)
{
  switch (parsed->kind)
    {
    case FETCH_EC2:
      parsed->keys = ak_keystone_json_parse_ec2_list (parsed->body, &parsed->unreadable,
                                                      &parsed->error);
      break;

    case FETCH_APPLICATION_CREDENTIALS:
      parsed->keys = ak_keystone_json_parse_application_credential_list (parsed->body,
                                                                         &parsed->unreadable,
                                                                         &parsed->error);
      break;

    case FETCH_CREDENTIALS:
      parsed->keys = ak_keystone_json_parse_credential_list (parsed->body, &parsed->unreadable,
                                                             &parsed->error);
      break;

    case FETCH_USERS:
      parsed->names = ak_keystone_json_parse_users (parsed->body, &parsed->disabled,
                                                    &parsed->page, &parsed->error);
      break;

    case FETCH_PROJECTS:
      parsed->names = ak_keystone_json_parse_names (parsed->body, "projects", &parsed->page,
                                                    &parsed->error);
      break;

    case FETCH_ROLE_ASSIGNMENTS:
      parsed->roles = ak_keystone_json_parse_role_assignments (parsed->body, &parsed->error);
      break;

    case FETCH_USER_PROJECTS:
      parsed->names = ak_keystone_json_parse_names (parsed->body, "projects", NULL,
                                                    &parsed->error);
      if (parsed->names != NULL)
        {
          GHashTableIter iter;
          const char *project_id;

          parsed->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_iter_init (&iter, parsed->names);
          while (g_hash_table_iter_next (&iter, (gpointer *) &project_id, NULL))
            g_hash_table_add (parsed->roles, ak_keystone_role_key (parsed->user_id, project_id));
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  parse (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
list_apply (AkKeystoneProvider *self,
            ListData           *data,
            Parsed             *parsed)
{
  if (data->error != NULL)
    return;

  /* A fact that cannot be read is not known; the list goes on. */
  if (parsed->error != NULL &&
      (parsed->kind == FETCH_ROLE_ASSIGNMENTS || parsed->kind == FETCH_USER_PROJECTS))
    {
      g_debug ("Who has a role where is not known: %s", parsed->error->message);
      data->facts_pending--;
      return;
    }

  /* Too late: the other side of the race answered first. */
  if (race_settled (data, parsed->kind, parsed->user_id))
    return;

  if (data->race && parsed->kind == FETCH_CREDENTIALS)
    {
      if (parsed->error != NULL)
        {
          g_debug ("Every EC2 key in one call: %s", parsed->error->message);
          race_drop_one_call (data);
        }
      else
        {
          race_take_one_call (data, parsed->keys);
          if (parsed->unreadable != NULL)
            g_ptr_array_extend_and_steal (data->unreadable, g_steal_pointer (&parsed->unreadable));
        }
      return;
    }

  if (parsed->error != NULL && parsed->user_id != NULL && data->scope == AK_KEY_SCOPE_ALL_USERS)
    {
      /* The same answer would come again: this user's keys are left out. */
      g_debug ("The keys of user %s could not be read: %s",
               parsed->user_id, parsed->error->message);
      if (data->race && parsed->kind == FETCH_EC2)
        {
          race_user_failed (data, parsed->user_id);
        }
      else
        {
          g_hash_table_add (data->failed_users, g_strdup (parsed->user_id));
          list_user_answered (data, parsed->user_id);
        }
      return;
    }

  if (parsed->error != NULL)
    {
      list_fail (data, g_steal_pointer (&parsed->error));
      return;
    }

  if (parsed->kind == FETCH_ROLE_ASSIGNMENTS || parsed->kind == FETCH_USER_PROJECTS)
    {
      g_clear_pointer (&data->roles, g_hash_table_unref);
      data->roles = g_steal_pointer (&parsed->roles);
      data->facts_pending--;
      return;
    }

  if (data->race && parsed->kind == FETCH_EC2)
    race_settle (data, parsed->user_id);
  else
    list_user_answered (data, parsed->user_id);

  if (parsed->keys != NULL)
    g_ptr_array_extend_and_steal (data->keys, g_steal_pointer (&parsed->keys));

  if (parsed->unreadable != NULL)
    {
      for (guint i = 0; i < parsed->unreadable->len; i++)
        ak_unreadable_entry_set_user_id (g_ptr_array_index (parsed->unreadable, i),
                                         parsed->user_id);
      g_ptr_array_extend_and_steal (data->unreadable, g_steal_pointer (&parsed->unreadable));
    }

  if (parsed->kind == FETCH_USERS)
    {
      GHashTableIter iter;
      const char *user_id;
      guint before = data->user_names != NULL ? g_hash_table_size (data->user_names) : 0;

      merge_into (&data->user_names, &parsed->names);
      merge_into (&data->disabled_users, &parsed->disabled);
      if (list_next_page (data, FETCH_USERS, "/users", &parsed->page,
                          g_hash_table_size (data->user_names) - before))
        return;

      /* Listing only some users' keys would look like all of them. */
      if (parsed->page.truncated && data->scope == AK_KEY_SCOPE_ALL_USERS)
        {
          list_fail (data, ak_error_new_literal (AK_ERROR_PROTOCOL,
                                                 _("The server sent only part of the list of "
                                                   "users, so not every user’s keys can be "
                                                   "shown."),
                                                 0, "users: truncated"));
          return;
        }
      data->users_known = TRUE;

      if (data->scope != AK_KEY_SCOPE_ALL_USERS)
        return;

      data->users_total = g_hash_table_size (data->user_names);

      g_hash_table_iter_init (&iter, data->user_names);
      while (g_hash_table_iter_next (&iter, (gpointer *) &user_id, NULL))
        list_enqueue_user (data, user_id,
                           self->all_users_strategy == AK_KEYSTONE_ALL_USERS_PER_USER);

      /* Behind all the application credentials, for the one call to
       * answer first if it can. */
      if (data->race && data->one_call != ONE_CALL_DONE)
        {
          g_hash_table_iter_init (&iter, data->user_names);
          while (g_hash_table_iter_next (&iter, (gpointer *) &user_id, NULL))
            race_enqueue_user (data, user_id);
        }
    }
  else if (parsed->kind == FETCH_PROJECTS)
    {
      guint before = data->project_names != NULL ? g_hash_table_size (data->project_names) : 0;

      merge_into (&data->project_names, &parsed->names);
      if (list_next_page (data, FETCH_PROJECTS, "/projects", &parsed->page,
                          g_hash_table_size (data->project_names) - before))
        return;

      /* The projects left out show by their IDs. */
      if (parsed->page.truncated)
        g_debug ("The server sent only part of the list of projects");
      data->projects_known = TRUE;
    }
}

static void
list_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);

  data->parsing--;
  list_apply (self, data, g_task_get_task_data (G_TASK (result)));
  list_pump (task);
}

/* Whether an answer that is not a success still lets the list go on. */
static gboolean
list_tolerates (AkKeystoneProvider *self,
                ListData           *data,
                Fetch              *fetch,
                guint               status)
{
  gboolean delegated = self->token_info != NULL &&
                       self->token_info->application_credential_id != NULL;

  /* A token from an application credential may not read EC2 keys
   * ("Delegated tokens cannot access credentials directly"); it still sees
   * the application credentials. */
  if (status == SOUP_STATUS_FORBIDDEN && fetch->kind == FETCH_EC2 &&
      data->scope == AK_KEY_SCOPE_MINE && delegated)
    return TRUE;

  /* Without who has a role where, no key is flagged for it. */
  if (fetch->kind == FETCH_ROLE_ASSIGNMENTS || fetch->kind == FETCH_USER_PROJECTS)
    return TRUE;

  /* Without the names of projects, their IDs are shown. */
  if (status == SOUP_STATUS_FORBIDDEN && fetch->kind == FETCH_PROJECTS)
    return TRUE;

  /* A user deleted since the list of users was read has no keys. */
  if (status == SOUP_STATUS_NOT_FOUND && data->scope == AK_KEY_SCOPE_ALL_USERS &&
      (fetch->kind == FETCH_EC2 || fetch->kind == FETCH_APPLICATION_CREDENTIALS))
    return TRUE;

  return FALSE;
}

typedef struct
{
  GTask *task;
  Fetch *fetch;
} Retry;

static void
retry_free (Retry *retry)
{
  g_clear_object (&retry->task);
  g_clear_pointer (&retry->fetch, fetch_free);
  g_free (retry);
}

static gboolean
list_retry_cb (gpointer user_data)
{
  Retry *retry = user_data;
  ListData *data = g_task_get_task_data (retry->task);

  data->retrying--;
  if (g_cancellable_set_error_if_cancelled (data->cancellable, &data->error))
    g_cancellable_cancel (data->cancellable);
  else if (data->error == NULL)
    g_queue_push_head (&data->pending, g_steal_pointer (&retry->fetch));

  list_pump (retry->task);

  return G_SOURCE_REMOVE;
}

/* One user's list failed with @error: asked again once after a pause, then
 * left out so that the rest of the list goes on. */
static void
list_user_failed (GTask  *task,
                  Fetch  *fetch,
                  GError *error)
{
  ListData *data = g_task_get_task_data (task);
  g_autoptr(GError) owned_error = error;

  if (data->error != NULL)
    {
      fetch_free (fetch);
      return;
    }

  if (fetch->attempts == 0)
    {
      g_autoptr(GSource) source = g_timeout_source_new (RETRY_DELAY_MS);
      Retry *retry = g_new0 (Retry, 1);

      g_debug ("The keys of user %s: %s; asking again", fetch->user_id, error->message);
      fetch->attempts++;
      retry->task = g_object_ref (task);
      retry->fetch = fetch;
      data->retrying++;
      g_source_set_callback (source, list_retry_cb, retry, (GDestroyNotify) retry_free);
      g_source_set_static_name (source, "[ak] list retry");
      g_source_attach (source, g_task_get_context (task));
      return;
    }

  g_debug ("The keys of user %s could not be read: %s", fetch->user_id, error->message);
  if (data->race && fetch->kind == FETCH_EC2)
    {
      race_user_failed (data, fetch->user_id);
    }
  else
    {
      g_hash_table_add (data->failed_users, g_strdup (fetch->user_id));
      list_user_answered (data, fetch->user_id);
    }
  fetch_free (fetch);
}

static void
list_fetch_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  FetchCall *fetch_call = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&fetch_call->task);
  g_autoptr(Fetch) fetch = g_steal_pointer (&fetch_call->fetch);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  GError *error = NULL;
  Parsed *parsed;

  gboolean per_user;

  g_free (fetch_call);
  data->in_flight--;
  response = _ak_keystone_call_finish (self, result, &error);
  per_user = data->scope == AK_KEY_SCOPE_ALL_USERS && fetch->user_id != NULL;

  /* Without the names of projects (refused), their IDs are shown; the
   * last of their pages says when they are all known. */
  if (fetch->kind == FETCH_PROJECTS &&
      (response == NULL || !_ak_keystone_status_is_success (response->status)))
    data->projects_known = TRUE;

  if (per_user && data->error == NULL)
    list_adapt (data, fetch, response == NULL ||
                             response->status >= SOUP_STATUS_INTERNAL_SERVER_ERROR);

  /* Too late: the other side of the race answered first. */
  if (race_settled (data, fetch->kind, fetch->user_id) ||
      (data->race && fetch->kind == FETCH_CREDENTIALS && data->one_call != ONE_CALL_PENDING))
    {
      g_clear_error (&error);
      list_pump (task);
      return;
    }

  /* The one call failing leaves the race to the users' own lists; only a
   * sign-in that no longer works, or the list's end, stops the list. */
  if (data->race && fetch->kind == FETCH_CREDENTIALS && data->error == NULL &&
      !g_cancellable_is_cancelled (data->cancellable) &&
      !g_error_matches (error, AK_ERROR, AK_ERROR_AUTH) &&
      (response == NULL || response->status != SOUP_STATUS_UNAUTHORIZED) &&
      (response == NULL || !_ak_keystone_status_is_success (response->status)))
    {
      g_debug ("Every EC2 key in one call: %s",
               error != NULL ? error->message : soup_status_get_phrase (response->status));
      g_clear_error (&error);
      race_drop_one_call (data);
      list_pump (task);
      return;
    }

  if (response == NULL)
    {
      if (per_user &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
        list_user_failed (task, g_steal_pointer (&fetch), error);
      else
        list_fail (data, error);
    }
  else if (data->error != NULL)
    {
      /* Another answer failed already. */
    }
  else if (!_ak_keystone_status_is_success (response->status))
    {
      if (list_tolerates (self, data, fetch, response->status) && fetch_is_fact (fetch))
        data->facts_pending--;
      else if (list_tolerates (self, data, fetch, response->status) && data->race &&
               fetch->kind == FETCH_EC2)
        race_settle (data, fetch->user_id);
      else if (list_tolerates (self, data, fetch, response->status))
        list_user_answered (data, fetch->user_id);
      else if (per_user && response->status != SOUP_STATUS_UNAUTHORIZED)
        list_user_failed (task, g_steal_pointer (&fetch), _ak_keystone_response_error (response));
      else
        list_fail (data, _ak_keystone_response_error (response));
    }
  else
    {
      parsed = g_new0 (Parsed, 1);
      parsed->kind = fetch->kind;
      parsed->user_id = g_strdup (fetch->user_id);
      parsed->body = g_bytes_ref (response->body);

      if (g_bytes_get_size (parsed->body) >= PARSE_IN_THREAD_SIZE)
        {
          g_autoptr(GTask) parse_task = g_task_new (self, NULL, list_parsed_cb,
                                                    g_object_ref (task));

          g_task_set_source_tag (parse_task, parse_thread);
          g_task_set_task_data (parse_task, parsed, (GDestroyNotify) parsed_free);
          data->parsing++;
          g_task_run_in_thread (parse_task, parse_thread);
        }
      else
        {
          parse (parsed);
          list_apply (self, data, parsed);
          parsed_free (parsed);
        }
    }

  list_pump (task);
}

static void
list_caller_cancelled_cb (GCancellable *cancellable,
                          GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
list_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  if (data->scope == AK_KEY_SCOPE_MINE)
    {
      Fetch *fetch;

      list_enqueue_user (data, self->token_info->user_id, TRUE);
      fetch = list_enqueue (data, FETCH_USER_PROJECTS,
                            _ak_keystone_user_path (self->token_info->user_id, "/projects",
                                                    NULL));
      fetch->user_id = g_strdup (self->token_info->user_id);
      if ((self->features & AK_PROVIDER_FEATURE_ALL_USERS) != 0)
        list_enqueue (data, FETCH_PROJECTS, page_path ("/projects", NULL));
    }
  else
    {
      list_enqueue (data, FETCH_USERS, page_path ("/users", NULL));
      list_enqueue (data, FETCH_PROJECTS, page_path ("/projects", NULL));
      list_enqueue (data, FETCH_ROLE_ASSIGNMENTS, g_strdup ("/role_assignments?effective"));
      if (self->all_users_strategy != AK_KEYSTONE_ALL_USERS_PER_USER)
        list_enqueue (data, FETCH_CREDENTIALS, g_strdup ("/credentials?type=ec2"));
      if (self->all_users_strategy == AK_KEYSTONE_ALL_USERS_BOTH)
        {
          data->race = TRUE;
          data->one_call = ONE_CALL_PENDING;
          data->one_call_cancellable = g_cancellable_new ();
          data->one_call_cancelled_id =
            g_cancellable_connect (data->cancellable, G_CALLBACK (list_caller_cancelled_cb),
                                   g_object_ref (data->one_call_cancellable), g_object_unref);
          data->ec2_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          data->ec2_unsettled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          data->ec2_failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        }
    }

  list_pump (task);
}

void
_ak_keystone_list_keys_async (AkProvider          *provider,
                              AkKeyScope           scope,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  _ak_keystone_list_keys_progress_async (provider, scope, NULL, NULL, cancellable,
                                         callback, user_data);
}

void
_ak_keystone_list_keys_progress_async (AkProvider          *provider,
                                       AkKeyScope           scope,
                                       AkListProgressFunc   progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  ListData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ak_keystone_list_keys_async);

  data = g_new0 (ListData, 1);
  data->scope = scope;
  data->progress = progress;
  data->progress_data = progress_data;
  data->width = LIST_START_WIDTH;
  data->users_remaining = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->failed_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_narrowest = LIST_START_WIDTH;
  data->keys = g_ptr_array_new_with_free_func (g_object_unref);
  data->unreadable = g_ptr_array_new_with_free_func (g_object_unref);
  data->cancellable = g_cancellable_new ();
  g_queue_init (&data->pending);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (list_caller_cancelled_cb),
                                                         g_object_ref (data->cancellable),
                                                         g_object_unref);
    }

  _ak_keystone_ensure_token_async (self, data->cancellable, list_token_cb,
                                   g_steal_pointer (&task));
}

GPtrArray *
_ak_keystone_list_keys_finish (AkProvider    *provider,
                               GAsyncResult  *result,
                               GPtrArray    **unreadable,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return ak_provider_task_propagate_list (G_TASK (result), unreadable, error);
}
