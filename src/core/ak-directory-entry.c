/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-directory-entry"

#include "config.h"

#include "ak-directory-entry.h"

/* A user or a project as the server's own lookup (GET /v3/users/{id},
 * GET /v3/projects/{id}) answered it: what the details of a key show about
 * its owner and its project. Immutable once made. */

struct _AkDirectoryEntry
{
  gatomicrefcount  ref_count;
  AkDirectoryKind  kind;
  char            *id;
  char            *name;
  char            *domain_id;
  gboolean         enabled;
};

G_DEFINE_ENUM_TYPE (AkDirectoryKind, ak_directory_kind,
  G_DEFINE_ENUM_VALUE (AK_DIRECTORY_KIND_USER, "user"),
  G_DEFINE_ENUM_VALUE (AK_DIRECTORY_KIND_PROJECT, "project"))

G_DEFINE_BOXED_TYPE (AkDirectoryEntry, ak_directory_entry,
                     ak_directory_entry_ref, ak_directory_entry_unref)

/**
 * ak_directory_entry_new:
 * @kind: a user or a project
 * @id: its ID
 * @name: (nullable): its name, %NULL when the server gave none
 * @domain_id: (nullable): the ID of its domain
 * @enabled: whether it is enabled
 *
 * Returns: (transfer full): a new entry
 */
AkDirectoryEntry *
ak_directory_entry_new (AkDirectoryKind  kind,
                        const char      *id,
                        const char      *name,
                        const char      *domain_id,
                        gboolean         enabled)
{
  AkDirectoryEntry *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_new0 (AkDirectoryEntry, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->domain_id = g_strdup (domain_id);
  self->enabled = !!enabled;

  return self;
}

AkDirectoryEntry *
ak_directory_entry_ref (AkDirectoryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ak_directory_entry_unref (AkDirectoryEntry *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->domain_id);
  g_free (self);
}

AkDirectoryKind
ak_directory_entry_get_kind (AkDirectoryEntry *self)
{
  g_return_val_if_fail (self != NULL, AK_DIRECTORY_KIND_USER);

  return self->kind;
}

const char *
ak_directory_entry_get_id (AkDirectoryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

const char *
ak_directory_entry_get_name (AkDirectoryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

const char *
ak_directory_entry_get_domain_id (AkDirectoryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->domain_id;
}

gboolean
ak_directory_entry_get_enabled (AkDirectoryEntry *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->enabled;
}
